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
import {
  PAIRS_WITHOUT_EQUALS,
  REPEATED_ORDER,
} from '../packages/server-helpers/test/support/hostile-bodies.ts';
import { type Figure, median } from './stats.ts';
import { DEMO_SECRET } from './verify.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const SIZES = [256 * KiB, MiB] as const;
// The same bodies as server-helpers' cost tests: the two shapes a naive parser or verifier turns
// quadratic, under the keys of bench/results.json.
const SHAPES = {
  repeatedOrder: REPEATED_ORDER,
  pairsWithoutEquals: PAIRS_WITHOUT_EQUALS,
} as const;

async function timed(action: () => unknown): Promise<number> {
  const t0 = performance.now();
  await action();
  return performance.now() - t0;
}

/**
 * Median ms per MiB of each body, sizes taking turns so drift hits them alike. One warm-up call
 * each first; a call over half a second counts as a sample (JIT warm-up no longer matters), and
 * the repeats stop after four seconds, as a quadratic regression makes a 1 MiB call take seconds.
 */
async function msPerMiB(
  action: (body: string) => unknown,
  build: (size: number) => string,
  runs: number,
): Promise<number[]> {
  const bodies = SIZES.map((size) => ({ size, text: build(size), times: [] as number[] }));
  const started = performance.now();
  for (const body of bodies) {
    const text = body.text;
    const ms = await timed(() => action(text));
    if (ms > 500) body.times.push(ms);
  }
  for (let round = 0; round < runs; round++) {
    if (round > 0 && performance.now() - started > 4_000) break;
    for (const body of bodies) {
      if (body.times.length < runs) body.times.push(await timed(() => action(body.text)));
    }
  }
  return bodies.map(({ size, times }) => median(times) / (size / MiB));
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
        const [small, large] = (await msPerMiB(action, build, options.runs)) as [number, number];
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
