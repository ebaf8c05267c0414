/**
 * Figure 9: what a hostile confirm body costs. Anyone can POST to a shop's confirm URL, so the
 * endpoint must cost time linear in the body whatever it says (design.md, Budgets). Two shapes
 * that a naive parser or verifier turns quadratic, each at 256 KiB and 1 MiB (the endpoint's
 * default cap): a fingerprint order naming one 5 000-character field over and over (a verifier
 * that builds the message first concatenates gigabytes), and pairs without `=` (`&n0&n1…`).
 * Measured for `verifyConfirmation` in this process and for the confirm endpoint over HTTP on
 * 127.0.0.1. The figure is milliseconds per MiB at 1 MiB; `growth` is that ÷ the same at
 * 256 KiB: about 1 when linear, about 4 when quadratic.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createConfirmHandler,
  toNodeListener,
  verifyConfirmation,
} from '@qenta-seamless/server-helpers';
import { type Figure, median } from './stats.ts';
import { DEMO_SECRET } from './verify.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const SIZES = [256 * KiB, MiB] as const;
const REQUIRED = 'paymentState=SUCCESS&orderNumber=1&amount=1&currency=EUR&paymentType=CCARD';
const FINGERPRINT = 'a'.repeat(128);

/** `prefix` then whole repeated parts, then `&` (which every parser skips) to the exact size. */
function fill(prefix: string, size: number, part: (i: number) => string): string {
  const parts = [prefix];
  let length = prefix.length;
  for (let i = 0; ; i++) {
    const next = part(i);
    if (length + next.length > size) break;
    parts.push(next);
    length += next.length;
  }
  parts.push('&'.repeat(size - length));
  return parts.join('');
}

const SHAPES = {
  repeatedOrder: {
    title: 'order naming one 5 000-char field over and over',
    build: (size: number) =>
      fill(
        `${REQUIRED}&responseFingerprint=${FINGERPRINT}&pad=${'p'.repeat(5000)}&responseFingerprintOrder=secret`,
        size,
        () => ',pad',
      ),
  },
  pairsWithoutEquals: {
    title: 'pairs without =',
    build: (size: number) =>
      fill(`${REQUIRED}&responseFingerprint=${FINGERPRINT}`, size, (i) => `&n${i}`),
  },
} as const;

/**
 * Median time of up to `runs` calls after one warm-up, bounded: a call over half a second is
 * slow enough that JIT warm-up does not matter, so it counts as a sample, and the repeats stop
 * after two seconds (a quadratic regression makes one 1 MiB call take seconds).
 */
async function medianMs(action: () => unknown, runs: number): Promise<number> {
  const times: number[] = [];
  const started = performance.now();
  let t0 = performance.now();
  await action();
  const first = performance.now() - t0;
  if (first > 500) times.push(first);
  while (times.length < runs && (times.length === 0 || performance.now() - started < 2_000)) {
    t0 = performance.now();
    await action();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function verifyOnce(body: string): void {
  try {
    verifyConfirmation(body, { secret: DEMO_SECRET });
  } catch {
    // Refused, as it must be; the cost of refusing is what is measured.
    return;
  }
  throw new Error('a hostile confirmation verified');
}

/**
 * Measures ms per MiB of hostile confirm bodies at 256 KiB and 1 MiB.
 *
 * @example
 * ```ts
 * const figures = await measureHostile({ runs: 5 });
 * ```
 */
export async function measureHostile(options: { runs: number }): Promise<Figure[]> {
  const server = createServer(
    toNodeListener(createConfirmHandler({ secret: DEMO_SECRET, onConfirmation: () => {} })),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/qenta/confirm`;
  const post = async (body: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const answer = await response.text();
    if (answer.includes('result="OK"')) throw new Error('the endpoint accepted a hostile body');
  };
  const surfaces = {
    verify: (body: string) => verifyOnce(body),
    endpoint: post,
  };
  const figures: Figure[] = [];
  try {
    for (const [surface, action] of Object.entries(surfaces)) {
      for (const [shape, { build }] of Object.entries(SHAPES)) {
        const perMiB = [];
        for (const size of SIZES) {
          const body = build(size);
          perMiB.push((await medianMs(() => action(body), options.runs)) / (size / MiB));
        }
        const [small, large] = perMiB as [number, number];
        figures.push({
          key: `hostile.${surface}.${shape}`,
          label: `9 ${surface === 'verify' ? 'verifyConfirmation' : 'confirm endpoint'} on a hostile body: ${shape}`,
          value: large,
          unit: 'ms/MiB',
          detail: { msPerMiBAt256KiB: small, msPerMiBAt1MiB: large, growth: large / small },
        });
      }
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
  return figures;
}
