/**
 * `pnpm bench`: measures the figures of issues 6 and 12 in one run, prints a table and writes
 * `bench/results.json`. It never fails for a slow machine; `--check` exits 1 when a budget is
 * missed (for people to run on purpose). Each measurement lives in its own file; a measurement
 * that breaks is reported and the others still run.
 */
import { writeFileSync } from 'node:fs';
import { measureBrowser } from './browser.ts';
import { measureCheckouts } from './checkouts.ts';
import { measureColdStart } from './cold-start.ts';
import { measureHostile } from './hostile.ts';
import { measureLoad } from './load.ts';
import { measureSize } from './size.ts';
import { type Figure, round, withinBudget } from './stats.ts';
import { formatTable } from './table.ts';
import { measureVerify } from './verify.ts';

const check = process.argv.includes('--check');
// `--checkouts=N` runs a longer (or shorter) emulator memory run than the default 10 000.
const checkoutsArg = process.argv.find((arg) => arg.startsWith('--checkouts='));
// `--quick` shrinks every count to check that the bench works (figures too noisy to quote).
const quick = process.argv.includes('--quick');
const checkouts = checkoutsArg
  ? Number(checkoutsArg.slice('--checkouts='.length))
  : quick
    ? 500
    : 10_000;
if (!Number.isInteger(checkouts) || checkouts < 1 || checkouts > 1_000_000) {
  console.error('--checkouts must be a whole number from 1 to 1000000');
  process.exit(2);
}
// `--only=size,verify` runs just those measurements (the widget's `pnpm size` uses `--only=size`).
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;
const figures: Figure[] = [];
const failures: { step: string; message: string }[] = [];
const started = performance.now();

/** Runs one measurement, keeping the run going when it throws. */
async function step(name: string, measure: () => Promise<Figure[]> | Figure[]): Promise<void> {
  if (only && !only.has(name)) return;
  const t0 = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    figures.push(...(await measure()));
  } catch (error) {
    failures.push({ step: name, message: error instanceof Error ? error.message : String(error) });
    process.stderr.write(`bench: ${name} failed: ${String(error)}\n`);
  }
  process.stderr.write(`bench: ${name} took ${Math.round(performance.now() - t0)} ms\n`);
}

await step('size', measureSize);
await step('verify', () => measureVerify({ rounds: quick ? 3 : 15, windowMs: 200 }));
await step('browser', () =>
  measureBrowser({ loads: quick ? 4 : 30, networkLoads: quick ? 4 : 20 }),
);
await step('load', () =>
  measureLoad({ rounds: quick ? 1 : 3, seconds: quick ? 1 : 3, connections: 10 }),
);
await step('coldstart', () => measureColdStart({ samples: quick ? 3 : 20 }));
await step('hostile', () => measureHostile({ runs: quick ? 2 : 5 }));
await step('checkouts', () =>
  measureCheckouts({
    checkouts,
    concurrency: 8,
    // About 2 min per 10 000 at worst on a busy 2-core machine; the default run takes ~45 s.
    timeLimitMs: Math.max(120_000, checkouts * 12),
  }),
);

const missed = figures.filter((figure) => !withinBudget(figure));
console.log(formatTable(figures));
if (failures.length > 0) {
  console.log(
    `\nmeasurements that failed: ${failures.map((f) => `${f.step} (${f.message})`).join('; ')}`,
  );
}
const seconds = (performance.now() - started) / 1000;
console.log(`\n${figures.length} figures in ${round(seconds)} s; budgets missed: ${missed.length}`);
writeFileSync(
  new URL('./results.json', import.meta.url),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      seconds: round(seconds),
      figures: figures.map((figure) => ({
        ...figure,
        value: round(figure.value),
        ...(figure.budget && { withinBudget: withinBudget(figure) }),
      })),
      failures,
    },
    null,
    2,
  )}\n`,
);
if (check && (missed.length > 0 || failures.length > 0)) process.exitCode = 1;
