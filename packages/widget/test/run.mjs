// `pnpm test` of the widget: the Node SSR-import tests, then the browser suite (web-test-runner
// through tsx, so its config can import the TypeScript workspace packages). Prints one line
// `widget: N passed, N failed` over both (what scripts/test-all.mjs reads) and fails when either
// fails.
import { spawn } from 'node:child_process';

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const last = (output, pattern) => Number([...output.matchAll(pattern)].at(-1)?.[1] ?? 0);
const node = await run([
  '--import',
  'tsx',
  '--test',
  'test/ssr-import.node.test.mjs',
  'test/test-cards.node.test.mjs',
  'test/docs.node.test.mjs',
]);
const browser = await run([
  '--import',
  'tsx',
  'node_modules/@web/test-runner/dist/bin.js',
  '--config',
  'web-test-runner.config.mjs',
  ...process.argv.slice(2),
]);
const summary = [...browser.output.matchAll(/widget-browser: (\d+) passed, (\d+) failed/g)].at(-1);
const passed = last(node.output, /^[ℹ#] pass (\d+)/gm) + Number(summary?.[1] ?? 0);
let failed = last(node.output, /^[ℹ#] fail (\d+)/gm) + Number(summary?.[2] ?? 0);
if (failed === 0 && (node.code !== 0 || browser.code !== 0)) failed = 1;
process.stdout.write(`\nwidget: ${passed} passed, ${failed} failed\n`);
process.exit(node.code !== 0 || browser.code !== 0 ? 1 : 0);
