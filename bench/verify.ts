/**
 * Figure 4: `verifyConfirmation` on a realistic SUCCESS body (the fields the emulator sends for
 * a card payment, qenta-protocol §5.1) against two baselines over the same body in this process:
 * the verifier a developer writes by hand (`handwritten.ts`: the budget's baseline) and a bare
 * `createHmac('sha512')` over the ready-made fingerprint message (the physical limit, reported).
 * Short windows of each side in turn, the order rotating every round, medians of each: a
 * neighbour's load hits all sides alike.
 */
import { createHmac } from 'node:crypto';
import { verifyConfirmation } from '@qenta-seamless/server-helpers';
import { signTestConfirmation } from '@qenta-seamless/server-helpers/testing';
import { verifyByHand } from './handwritten.ts';
import { type Figure, median } from './stats.ts';

/** The demo account's secret (public, from the gateway's docs). */
export const DEMO_SECRET = 'B8AKTPWBRMNBV455FG6M2DANE99WU2';

/** A card SUCCESS confirmation as the emulator sends it, with one custom parameter. */
export const SUCCESS_FIELDS = {
  amount: '12.50',
  currency: 'EUR',
  paymentType: 'CCARD',
  financialInstitution: 'Visa',
  language: 'en',
  orderNumber: '5472113',
  paymentState: 'SUCCESS',
  anonymousPan: '1111',
  authenticated: 'No',
  expiry: '12/2031',
  cardholder: 'Jane Doe',
  maskedPan: '411111******1111',
  gatewayReferenceNumber: 'DGW_5472113_RN',
  gatewayContractNumber: 'DemoContractNumber123',
  avsResponseCode: 'X',
  avsResponseMessage: 'Demo AVS ResultMessage',
  avsProviderResultCode: 'X',
  avsProviderResultMessage: 'Demo AVS ProviderResultMessage',
  shopOrderId: '3f0c6d2e-8b1a-4c57-9e0d-2a7b5c1e9f44',
};

/**
 * A signed SUCCESS body, and the exact message its fingerprint covers (for the baseline).
 *
 * @example
 * ```ts
 * const { body, message } = successBody();
 * ```
 */
export function successBody(): { body: string; message: string } {
  const body = signTestConfirmation(SUCCESS_FIELDS, { secret: DEMO_SECRET });
  const fields = new URLSearchParams(body);
  const order = (fields.get('responseFingerprintOrder') ?? '').split(',');
  const message = order
    .map((name) => (name === 'secret' ? DEMO_SECRET : (fields.get(name) ?? '')))
    .join('');
  return { body, message };
}

/** Runs `work` for about `ms` milliseconds; returns operations per second. */
function opsPerSecond(work: () => void, ms: number): number {
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 200; i++) work();
    ops += 200;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

/**
 * Measures verifyConfirmation against the hand-written verifier and a bare HMAC-SHA512.
 *
 * @example
 * ```ts
 * const figures = measureVerify({ rounds: 15, windowMs: 200 });
 * ```
 */
export function measureVerify(options: { rounds: number; windowMs: number }): Figure[] {
  const { body, message } = successBody();
  const sides = {
    subject: () => {
      if (!verifyConfirmation(body, { secret: DEMO_SECRET }).verified) {
        throw new Error('the bench confirmation did not verify');
      }
    },
    handwritten: () => {
      if (!verifyByHand(body, DEMO_SECRET)) {
        throw new Error('the hand-written verifier refused the bench confirmation');
      }
    },
    bare: () => {
      createHmac('sha512', DEMO_SECRET).update(message, 'utf8').digest();
    },
  };
  const names = Object.keys(sides) as (keyof typeof sides)[];
  const runs = { subject: [] as number[], handwritten: [] as number[], bare: [] as number[] };
  // Warm-up so every side is optimised before counting.
  for (const name of names) opsPerSecond(sides[name], 100);
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length] as keyof typeof sides;
      runs[name].push(opsPerSecond(sides[name], options.windowMs));
    }
  }
  const verifyOps = median(runs.subject);
  const handOps = median(runs.handwritten);
  const hmacOps = median(runs.bare);
  const detail = {
    verifyOpsPerSec: Math.round(verifyOps),
    handwrittenOpsPerSec: Math.round(handOps),
    hmacOpsPerSec: Math.round(hmacOps),
    bodyBytes: body.length,
    windows: options.rounds,
  };
  return [
    {
      key: 'verify.vsHandwritten',
      label: '4 verifyConfirmation ops/s ÷ hand-written verifier',
      value: verifyOps / handOps,
      unit: 'x',
      detail,
      budget: { op: '>=', limit: 1 },
    },
    {
      key: 'verify.ratio',
      label: '4 verifyConfirmation ops/s ÷ bare HMAC-SHA512 (the limit)',
      value: verifyOps / hmacOps,
      unit: 'x',
      detail: { handwrittenVsHmac: handOps / hmacOps },
    },
  ];
}
