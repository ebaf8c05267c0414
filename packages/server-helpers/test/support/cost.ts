/**
 * Measuring what a request body costs (issue 10, "A cost test"): the time and extra memory of
 * handling one body (the bodies are in hostile-bodies.ts). Tests assert ratios between sizes,
 * not absolute times, so a slow or busy machine does not fail them.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The sizes every surface is measured at. */
export const SIZES = [64 * 1024, 256 * 1024, 1024 * 1024] as const;

/** Extra memory one body may cost, whatever it says. */
export const MEMORY_LIMIT = 64 * 1024 * 1024;

/** Largest allowed time ratio between a size and the one four times smaller (linear is 4). */
export const RATIO_LIMIT = 8;

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** One measurement: wall time and the memory the run added (heap, external, buffers, peak RSS). */
export interface Cost {
  ms: number;
  bytes: number;
}

/**
 * Runs `action` once after a full collection and reports its time and the memory it added: the
 * larger of the heap growth (no collection after, so garbage counts) and the growth of the
 * process's peak RSS.
 */
export async function measure(action: () => unknown): Promise<Cost> {
  collect();
  const before = process.memoryUsage();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const started = performance.now();
  await action();
  const ms = performance.now() - started;
  const after = process.memoryUsage();
  const peakAfter = process.resourceUsage().maxRSS * 1024;
  const heap =
    after.heapUsed +
    after.external +
    after.arrayBuffers -
    (before.heapUsed + before.external + before.arrayBuffers);
  return { ms, bytes: Math.max(heap, peakAfter - peakBefore) };
}

/**
 * The cost of one action per size: one warm-up each, then `rounds` rounds in which the sizes
 * take turns, so a busy neighbour on the machine slows all sizes alike rather than one; the
 * median time and the largest memory per size.
 */
export async function costsBySize(
  actions: readonly (() => unknown)[],
  rounds = 5,
): Promise<Cost[]> {
  for (const action of actions) await measure(action);
  const runs: Cost[][] = actions.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, action] of actions.entries()) runs[index]?.push(await measure(action));
  }
  return runs.map((costs) => {
    const times = costs.map((cost) => cost.ms).sort((a, b) => a - b);
    return {
      ms: times[Math.floor(times.length / 2)] as number,
      bytes: Math.max(...costs.map((cost) => cost.bytes)),
    };
  });
}
