// The consumer test: what a shop gets from npm, used outside this repository. Packs the three
// packages (as a release would), installs the tarballs with npm into a fresh project in the
// system's temp folder next to pinned versions of vite, react and typescript (fixtures/
// package.json), and uses them as the READMEs say: (a) the server flow in plain Node against the
// emulator started from the installed CLI, (b) `tsc --strict` in bundler and nodenext
// resolution over every entry point, (c) a Vite build of the README's HTML snippet storing a
// test card in Chromium, (d) the same in a React 19 app, (e) the widget imported in plain Node.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome.mjs';
import { packPackages } from '../../scripts/pack-packages.mjs';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const INSTALL_TIMEOUT_MS = 300_000;
const STEP_TIMEOUT_MS = 120_000;

/** Runs a command to its end; rejects with its output when it fails or takes too long. */
function run(command, args, { cwd, env = {}, timeout = STEP_TIMEOUT_MS }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => {
      output += chunk;
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`));
    });
  });
}

/** Starts a long-running process and resolves with it once `pattern` appears in its output. */
function startUntil(command, args, { cwd, env = {}, pattern }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not start:\n${output}`));
    }, 30_000);
    const look = (chunk) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited ${code} before it was ready:\n${output}`));
    });
  });
}

function stop(child) {
  if (child && child.exitCode === null) child.kill('SIGTERM');
}

describe('the packages as a shop installs them from npm', { timeout: 900_000 }, () => {
  let project;
  let packs;
  let emulator;
  let baseUrl;
  let browser;

  before(
    async () => {
      packs = mkdtempSync(join(tmpdir(), 'qenta-packs-'));
      project = mkdtempSync(join(tmpdir(), 'qenta-consumer-'));
      cpSync(FIXTURES, project, { recursive: true });
      const tarballs = (await packPackages(packs)).map(({ tarball }) => tarball);
      await run(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--no-package-lock',
          '--loglevel=error',
          ...tarballs,
        ],
        { cwd: project, timeout: INSTALL_TIMEOUT_MS },
      );
      const started = await startUntil(
        join(project, 'node_modules/.bin/qenta-emulator'),
        ['--port', '0'],
        { cwd: project, pattern: /base URL:\s+(\S+)/ },
      );
      emulator = started.child;
      baseUrl = started.match[1];
      browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
    },
    { timeout: INSTALL_TIMEOUT_MS + 120_000 },
  );

  after(async () => {
    await browser?.close();
    stop(emulator);
    if (project) rmSync(project, { recursive: true, force: true });
    if (packs) rmSync(packs, { recursive: true, force: true });
  });

  it('ships built JavaScript, declarations and the licence, and no tests or tsconfig', () => {
    for (const name of ['server-helpers', 'emulator', 'widget']) {
      const dir = join(project, 'node_modules/@qenta-seamless', name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      assert.equal(manifest.license, 'MIT');
      assert.match(JSON.stringify(manifest.exports), /\.\/dist\/index\.js/);
      assert.doesNotMatch(JSON.stringify(manifest.exports), /(?<!\.d)\.ts"/);
      assert.match(readFileSync(join(dir, 'LICENSE'), 'utf8'), /MIT License/);
      assert.throws(() => readFileSync(join(dir, 'tsconfig.json')), { code: 'ENOENT' });
    }
    const emulatorDeps = JSON.parse(
      readFileSync(join(project, 'node_modules/@qenta-seamless/emulator/package.json'), 'utf8'),
    ).dependencies;
    assert.deepEqual(Object.keys(emulatorDeps), ['@qenta-seamless/server-helpers']);
  });

  it('(a) runs the server flow in plain Node against the CLI-started emulator', async () => {
    const output = await run(process.execPath, ['server-flow.mjs'], {
      cwd: project,
      env: { QENTA_BASE_URL: baseUrl },
    });
    assert.match(output, /server flow: init, start, confirm OK/);
  });

  for (const resolution of ['bundler', 'nodenext']) {
    it(`(b) type-checks every entry point with tsc --strict, ${resolution} resolution`, async () => {
      await run(
        process.execPath,
        ['node_modules/typescript/bin/tsc', '-p', `types/tsconfig.${resolution}.json`],
        { cwd: project },
      );
    });
  }

  /** Builds the app in `folder` with the consumer's Vite, serves it and stores a test card. */
  async function storeCardIn(folder) {
    await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', folder], {
      cwd: project,
    });
    const bundle = readFileSync(join(project, folder, 'dist/index.html'), 'utf8');
    assert.match(bundle, /<script type="module"[^>]*src="\/assets\//);
    const shop = await startUntil(process.execPath, ['shop-server.mjs', join(folder, 'dist')], {
      cwd: project,
      env: { QENTA_BASE_URL: baseUrl },
      pattern: /shop: (\S+)/,
    });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') {
          problems.push(message.text());
        }
      });
      await page.goto(shop.match[1], { timeout: 15_000 });
      await page.getByLabel('Card number').fill('9500000000000002', { timeout: 15_000 });
      await page.getByLabel('Month (MM)').fill('12');
      await page.getByLabel('Year (YYYY)').fill(String(new Date().getFullYear() + 3));
      await page.getByLabel('Security code (CVC)').fill('123');
      await page.getByLabel('Name on card').fill('Erika Mustermann');
      await page.getByRole('button', { name: 'Save card' }).click();
      await page
        .locator('#result')
        .filter({ hasText: /stored 950000\*+0002/ })
        .waitFor({ timeout: 15_000 });
      assert.deepEqual(problems, []);
      return page.locator('#result').textContent();
    } finally {
      await context.close();
      stop(shop.child);
    }
  }

  it('(c) a Vite build of the README snippet stores a test card at the emulator', async (t) => {
    assert.match(await storeCardIn('vanilla'), /stored 950000\*+0002/);
    // What the shop's build emitted for the page (element + English + Lit, minified): reported
    // here, held to its budget by `pnpm bench`.
    const assets = join(project, 'vanilla/dist/assets');
    const entry = readdirSync(assets).find((name) => /^index-.*\.js$/.test(name));
    const bytes = brotliCompressSync(readFileSync(join(assets, entry))).length;
    t.diagnostic(`vite build of the README snippet, entry chunk: ${bytes} B brotli`);
  });

  it('(d) a React 19 app type-checks, renders and gets the stored result into state', async () => {
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'react/tsconfig.json'], {
      cwd: project,
    });
    assert.match(await storeCardIn('react'), /stored 950000\*+0002 \(CCARD\)/);
  });

  it('(d) React JSX refuses a wrong property type on the element', async () => {
    const file = join(project, 'react/Wrong.tsx');
    writeFileSync(
      file,
      `import type {} from '@qenta-seamless/widget/react';\nexport const wrong = <qenta-payment-form loadTimeout={{}} />;\n`,
    );
    try {
      await assert.rejects(
        run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'react/tsconfig.json'], {
          cwd: project,
        }),
        /Wrong\.tsx.*loadTimeout|Type '\{\}' is not assignable/s,
      );
    } finally {
      rmSync(file);
    }
  });

  it('(e) imports the widget in plain Node without a DOM', async () => {
    const output = await run(process.execPath, ['ssr.mjs'], { cwd: project });
    assert.match(output, /registers nothing/);
  });
});
