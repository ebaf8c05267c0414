// The consumer test: what a shop gets from npm, used outside this repository. Packs the three
// packages (as a release would), installs the tarballs with npm into a fresh project in the
// system's temp folder next to pinned versions of vite, react and typescript (fixtures/
// package.json), and uses them as the READMEs say: (a) the server flow in plain Node against the
// emulator started from the installed CLI, (b) `tsc --strict` in bundler and nodenext
// resolution over every entry point, (c) a Vite build of the README's HTML snippet storing a
// test card in Chromium, (d) the same in a React 19 app, (e) the widget imported in plain Node.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome.mjs';
import { packPackages } from '../../scripts/pack-packages.mjs';
import { run, startUntil, stop, stopAll } from '../../scripts/processes.mjs';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const INSTALL_TIMEOUT_MS = 300_000;

describe('the packages as a shop installs them from npm', { timeout: 900_000 }, () => {
  let project;
  let packs;
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
      // The emulator from the installed CLI; stopped with the other servers in `after`.
      const emulator = await startUntil(
        join(project, 'node_modules/.bin/qenta-emulator'),
        ['--port', '0'],
        { cwd: project, pattern: /base URL:\s+(\S+)/ },
      );
      baseUrl = emulator.match[1];
      browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
    },
    { timeout: INSTALL_TIMEOUT_MS + 120_000 },
  );

  after(async () => {
    await browser?.close();
    stopAll();
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

  /** Brotli size (quality 11) of the entry chunk a Vite build of `folder` wrote. */
  function entryChunkBrotli(folder) {
    const assets = join(project, folder, 'dist/assets');
    const entry = readdirSync(assets).find((name) => /^index-.*\.js$/.test(name));
    return brotliCompressSync(readFileSync(join(assets, entry)), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
  }

  /** Types a test card into the element on `url` and stores it; resolves with the page's result. */
  async function storeCard(url, { allow = /^$/ } = {}) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        const bad = message.type() === 'error' || message.type() === 'warning';
        if (bad && !allow.test(message.text())) problems.push(message.text());
      });
      await page.goto(url, { timeout: 15_000 });
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
      return await page.locator('#result').textContent();
    } finally {
      await context.close();
    }
  }

  /** Starts the consumer's shop server over `folder` (static files and the init endpoint). */
  function startShop(folder) {
    return startUntil(process.execPath, ['shop-server.mjs', folder], {
      cwd: project,
      env: { QENTA_BASE_URL: baseUrl },
      pattern: /shop: (\S+)/,
    });
  }

  /** Builds the app in `folder` with the consumer's Vite, serves it and stores a test card. */
  async function storeCardIn(folder) {
    await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', folder], {
      cwd: project,
    });
    const bundle = readFileSync(join(project, folder, 'dist/index.html'), 'utf8');
    assert.match(bundle, /<script type="module"[^>]*src="\/assets\//);
    const shop = await startShop(join(folder, 'dist'));
    try {
      return await storeCard(shop.match[1]);
    } finally {
      stop(shop.child);
    }
  }

  it('(c) a Vite build of the README snippet stores a test card at the emulator', async (t) => {
    assert.match(await storeCardIn('vanilla'), /stored 950000\*+0002/);
    // What the shop's build emitted for the page (element + English + Lit, minified, plus Vite's
    // own preload runtime), next to the same build of a page with one lazy import and no widget:
    // reported here, held to its budget by `pnpm bench`.
    await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', 'vite-runtime'], {
      cwd: project,
    });
    const page = entryChunkBrotli('vanilla');
    const viteRuntime = entryChunkBrotli('vite-runtime');
    t.diagnostic(
      `vite build of the README snippet, entry chunk: ${page} B brotli (${viteRuntime} B of it is Vite's runtime, measured alone)`,
    );
  });

  it('(c) the same page on the Vite dev server stores a test card, without Lit warnings', async () => {
    const shop = await startShop('vanilla');
    const dev = await startUntil(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'vanilla', '--port', '0'],
      { cwd: project, env: { SHOP_URL: shop.match[1] }, pattern: /(http:\/\/127\.0\.0\.1:\d+)\// },
    );
    try {
      // Lit announces its dev mode once; anything else (a class-field warning above all) fails.
      const result = await storeCard(`${dev.match[1]}/`, { allow: /Lit is in dev mode/ });
      assert.match(result, /stored 950000\*+0002/);
    } finally {
      stop(dev.child);
      stop(shop.child);
    }
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
