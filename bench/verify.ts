/**
 * Figure 4: `verifyConfirmation` on a realistic SUCCESS body (the fields the emulator sends for
 * a card payment, qenta-protocol §5.1) against the bare `createHmac('sha512')` over the same
 * fingerprint message, in this process. Short alternating windows, medians of each: a
 * neighbour's load hits both sides alike.
 */
import { createHmac } from 'node:crypto';
import { verifyConfirmation } from '@qenta-seamless/server-helpers';
import { signTestConfirmation } from '@qenta-seamless/server-helpers/testing';
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
 * Measures verifyConfirmation ÷ bare HMAC-SHA512 throughput.
 *
 * @example
 * ```ts
 * const [figure] = measureVerify({ rounds: 15, windowMs: 200 });
 * ```
 */
export function measureVerify(options: { rounds: number; windowMs: number }): Figure[] {
  const { body, message } = successBody();
  const subject = () => {
    if (!verifyConfirmation(body, { secret: DEMO_SECRET }).verified) {
      throw new Error('the bench confirmation did not verify');
    }
  };
  const bare = () => {
    createHmac('sha512', DEMO_SECRET).update(message, 'utf8').digest();
  };
  subject();
  // Warm-up so both sides are optimised before counting.
  opsPerSecond(subject, 100);
  opsPerSecond(bare, 100);
  const subjectRuns: number[] = [];
  const bareRuns: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    subjectRuns.push(opsPerSecond(subject, options.windowMs));
    bareRuns.push(opsPerSecond(bare, options.windowMs));
  }
  const verifyOps = median(subjectRuns);
  const hmacOps = median(bareRuns);
  return [
    {
      key: 'verify.ratio',
      label: '4 verifyConfirmation ops/s ÷ bare HMAC-SHA512',
      value: verifyOps / hmacOps,
      unit: 'x',
      detail: { verifyOpsPerSec: Math.round(verifyOps), hmacOpsPerSec: Math.round(hmacOps) },
      budget: { op: '>=', limit: 0.8 },
    },
  ];
}
