/**
 * Figure 8: emulator cold start. Test suites start one emulator per test file, each in a fresh
 * process, so every sample is a fresh helper process (`cold-start-child.ts`): `createEmulator()`
 * → listening → first answered request, median over the samples.
 */
import { startChild } from './child.ts';
import { type Figure, median } from './stats.ts';

interface ColdStart {
  importMs: number;
  listenMs: number;
  totalMs: number;
}

/**
 * Measures the emulator's cold start over `samples` fresh processes.
 *
 * @example
 * ```ts
 * const [figure] = await measureColdStart({ samples: 20 });
 * ```
 */
export async function measureColdStart(options: { samples: number }): Promise<Figure[]> {
  const samples: ColdStart[] = [];
  for (let i = 0; i < options.samples; i++) {
    const child = startChild('cold-start-child.ts');
    try {
      samples.push(await child.next<ColdStart>(60_000));
    } finally {
      await child.stop();
    }
  }
  return [
    {
      key: 'emulator.coldStartMs',
      label: '8 emulator cold start: create + listen → first answer',
      value: median(samples.map((s) => s.totalMs)),
      unit: 'ms',
      detail: {
        listenMs: median(samples.map((s) => s.listenMs)),
        maxMs: Math.max(...samples.map((s) => s.totalMs)),
        importViaTsxMs: median(samples.map((s) => s.importMs)),
        samples: samples.length,
      },
      budget: { op: '<=', limit: 150 },
    },
  ];
}
