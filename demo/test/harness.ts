/**
 * The e2e harness: the static build of the pages served by the shop backend (one origin, as in
 * production, and no Vite transform work per test on 2 cores), the emulator on a manual clock
 * (lifetimes, retries and PENDING resolution happen when a test says so), a temp SQLite file,
 * and the machine's Chromium through playwright-core. Everything on 127.0.0.1, ephemeral ports.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import {
  createEmulator,
  type Emulator,
  type ManualClock,
  manualClock,
} from '@qenta-seamless/emulator';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome.mjs';
import { DEMO_ACCOUNT } from '../server/config.ts';
import { type ShopServer, startShopServer } from '../server/server.ts';
import { freshDatabase } from './database.ts';

/** Where screenshots go (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/demo/', import.meta.url));

/** Emulator PENDING payments resolve after this long on the manual clock. */
export const PENDING_RESOLVE_MS = 60_000;
/** Confirm retries after a failed delivery, on the manual clock. */
export const CONFIRM_RETRY_MS = 5_000;

/** The running parts of one e2e suite. */
export interface Harness {
  emulator: Emulator;
  clock: ManualClock;
  shop: ShopServer;
  browser: Browser;
  dir: string;
  staticDir: string;
  dbFile: string;
  /** Port of the shop backend (kept across a restart). */
  shopPort: number;
  restartShop(): Promise<void>;
  stopShop(): Promise<void>;
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * Builds the pages, starts emulator, shop and Chromium.
 *
 * @example
 * ```ts
 * const harness = await startHarness();
 * ```
 */
export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'demo-e2e-'));
  const staticDir = join(dir, 'dist');
  await build({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    logLevel: 'error',
    build: { outDir: staticDir, emptyOutDir: true },
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  const clock = manualClock({ start: Date.now() });
  const emulator = await createEmulator({
    clock,
    pendingResolveMs: PENDING_RESOLVE_MS,
    confirmRetry: {
      delaysMs: [CONFIRM_RETRY_MS, CONFIRM_RETRY_MS, CONFIRM_RETRY_MS],
      timeoutMs: 5_000,
    },
  });
  const database = await freshDatabase('e2e');
  const { dbFile, databaseUrl } = database;
  const gateway = { mode: 'emulator' as const, ...DEMO_ACCOUNT, baseUrl: emulator.baseUrl };
  const start = (port: number) =>
    startShopServer({ port, dbFile, databaseUrl, gateway, staticDir, log: () => {} });
  let shop: ShopServer | undefined = await start(0);
  const shopPort = Number(new URL(shop.url).port);
  const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
  const harness: Harness = {
    emulator,
    clock,
    get shop() {
      if (!shop) throw new Error('The shop backend is stopped.');
      return shop;
    },
    browser,
    dir,
    staticDir,
    dbFile,
    shopPort,
    async stopShop() {
      await shop?.close();
      shop = undefined;
    },
    async restartShop() {
      await shop?.close();
      shop = await start(shopPort);
    },
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      return { context, page };
    },
    async close() {
      await browser.close().catch(() => {});
      await shop?.close().catch(() => {});
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    },
  };
  return harness;
}

/**
 * Runs axe on the page and fails with the violations listed.
 *
 * @example
 * ```ts
 * await checkA11y(page, 'catalogue');
 * ```
 */
export async function checkA11y(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const problems = result.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
  assert.deepEqual(problems, [], `axe on ${name}`);
}

/**
 * Saves a full-page screenshot to the artefacts folder.
 *
 * @example
 * ```ts
 * await snap(page, '01-catalogue');
 * ```
 */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
