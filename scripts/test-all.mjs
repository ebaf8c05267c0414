// `pnpm test`: runs every package's test suite in turn, streams its output, and ends with one
// line `N passed, N failed` over all suites (what CI reads). A suite that exits non-zero without
// reporting a failure still counts as one failure, so a crash never reads as green.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const SUITES = ['packages/server-helpers', 'packages/emulator', 'packages/widget', 'demo'];

// Suites of the repository as a whole, run from its root: what ships, as npm users get it.
const ROOT_SUITES = [
  { name: 'packaging lint', args: ['scripts/lint-packages.mjs'] },
  {
    name: 'consumer',
    args: ['--test', '--test-reporter=spec', 'test/consumer/consumer.test.mjs'],
  },
];

function hasTestScript(dir) {
  const manifest = JSON.parse(readFileSync(new URL(`../${dir}/package.json`, import.meta.url)));
  return Boolean(manifest.scripts?.test);
}

function run(dir, command = 'pnpm', args = ['--silent', 'run', 'test']) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: new URL(`../${dir}/`, import.meta.url),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk, stream) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', (chunk) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk) => keep(chunk, process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function lastNumber(output, pattern) {
  const matches = [...output.matchAll(pattern)];
  return matches.length === 0 ? undefined : Number(matches.at(-1)[1]);
}

// node:test prints `ℹ pass N` / `ℹ fail N` (spec) or `# pass N` (TAP); our web-test-runner
// reporter prints `widget: N passed, N failed`.
function count(output) {
  const plain = [...output.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]) };
  const passed = lastNumber(output, /^[ℹ#] pass (\d+)/gm);
  const failed = lastNumber(output, /^[ℹ#] fail (\d+)/gm);
  const cancelled = lastNumber(output, /^[ℹ#] cancelled (\d+)/gm) ?? 0;
  if (passed === undefined) return undefined;
  return { passed, failed: (failed ?? 0) + cancelled };
}

let passed = 0;
let failed = 0;
const lines = [];
function tally(name, result) {
  const counted = count(result.output) ?? { passed: 0, failed: 0 };
  if (result.code !== 0 && counted.failed === 0) counted.failed = 1;
  passed += counted.passed;
  failed += counted.failed;
  lines.push(`${name}: ${counted.passed} passed, ${counted.failed} failed (exit ${result.code})`);
}
for (const dir of SUITES.filter(hasTestScript)) {
  console.log(`\n=== ${dir}`);
  tally(dir, await run(dir));
}
// The demo shop's suite again on PostgreSQL (issue 13), on a throwaway cluster that
// scripts/postgres.mjs starts on a free port and removes afterwards.
console.log('\n=== demo on PostgreSQL');
tally(
  'demo on PostgreSQL',
  await run('.', process.execPath, [
    'scripts/postgres.mjs',
    '--',
    'pnpm',
    '--dir',
    'demo',
    '--silent',
    'run',
    'test',
  ]),
);
for (const { name, args } of ROOT_SUITES) {
  console.log(`\n=== ${name}`);
  tally(name, await run('.', process.execPath, args));
}
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
