/**
 * Figures 2 and 3 in headless Chromium (the machine's, via `scripts/chrome.mjs`) against a local
 * emulator, with the element as a shop's Vite build ships it (`widget-page.ts`). Each sample is a
 * fresh page load with a fresh data storage; element and bare samples alternate (and swap order
 * every round) so drift on a shared machine hits both alike.
 *
 * - Time to ready: inserting `<qenta-payment-form javascript-url=…>` → `qenta-ready`, against
 *   inserting a bare `<script src=…>` of the same kind of data-storage URL → `load`.
 * - Store round trip: entries typed → `store()` → `qenta-stored`, against a bare `fetch` of the
 *   same store request (the one the data-storage script sends) from the same page.
 *
 * Two phases: on plain loopback (what the element's own milliseconds are), and with what a
 * shopper has: 100 ms round trip to the shop and the gateway and a 4x slower CPU, emulated
 * through the Chrome DevTools Protocol. The budgets apply to the second.
 */
import { randomBytes } from 'node:crypto';
import { createEmulator } from '@qenta-seamless/emulator';
import { createQentaClient } from '@qenta-seamless/server-helpers';
import { type CDPSession, chromium, type Page } from 'playwright-core';
import { type BareSample, bareSample, type WidgetSample, widgetSample } from './browser-samples.ts';
import { type Figure, median } from './stats.ts';
import { DEMO_SECRET } from './verify.ts';
import { serveWidgetPage } from './widget-page.ts';

interface ChromeModule {
  findChrome(): string;
  CHROME_ARGS: string[];
}

const STORE_FIELDS = {
  paymentType: 'CCARD',
  pan: '4111111111111111',
  expirationMonth: '12',
  expirationYear: '2031',
  cardverifycode: '123',
  cardholdername: 'Jane Doe',
};

/** A shopper's conditions: round trip in ms (every request, shop and gateway) and CPU slowdown. */
export interface Conditions {
  latencyMs: number;
  cpuSlowdown: number;
}

const LOOPBACK: Conditions = { latencyMs: 0, cpuSlowdown: 1 };
const SHOPPER: Conditions = { latencyMs: 100, cpuSlowdown: 4 };

/** Applies `conditions` to the page's network and renderer (CDP; latency 0 / rate 1 = none). */
async function emulate(cdp: CDPSession, conditions: Conditions): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: conditions.latencyMs,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: conditions.cpuSlowdown });
}

interface Phase {
  widget: WidgetSample[];
  bare: BareSample[];
}

/** The shared pieces of one browser run. */
interface Rig {
  page: Page;
  cdp: CDPSession;
  pageUrl: string;
  storeUrl: string;
  storage(): Promise<{ storageId: string; javascriptUrl: string }>;
}

/** `loads` alternating element and bare samples under `conditions`, after one warm-up each. */
async function runPhase(rig: Rig, conditions: Conditions, loads: number): Promise<Phase> {
  const phase: Phase = { widget: [], bare: [] };
  const open = async () => {
    await emulate(rig.cdp, LOOPBACK);
    await rig.page.goto(rig.pageUrl);
    await rig.page.evaluate(() => customElements.whenDefined('qenta-payment-form'));
    // Conditions start after the page and its bundle are in: the figure is the element's
    // first load of the gateway script, not the shop page's own load.
    await emulate(rig.cdp, conditions);
  };
  const runWidget = async () => {
    const { javascriptUrl } = await rig.storage();
    await open();
    phase.widget.push(await widgetSample(rig.page, javascriptUrl));
  };
  const runBare = async () => {
    const { storageId, javascriptUrl } = await rig.storage();
    await open();
    const body = new URLSearchParams({ storageId, ...STORE_FIELDS }).toString();
    phase.bare.push(await bareSample(rig.page, javascriptUrl, rig.storeUrl, body));
  };
  // Warm-up: first loads compile the bundle and open connections; not counted.
  await runWidget();
  await runBare();
  phase.widget.length = 0;
  phase.bare.length = 0;
  for (let round = 0; round < loads; round++) {
    if (round % 2 === 0) {
      await runWidget();
      await runBare();
    } else {
      await runBare();
      await runWidget();
    }
  }
  await emulate(rig.cdp, LOOPBACK);
  return phase;
}

/** The two figures of one phase; `suffix` and `budget` tell the phases apart. */
function phaseFigures(phase: Phase, name: string, suffix: string, budget?: number): Figure[] {
  const widgetReady = median(phase.widget.map((s) => s.readyMs));
  const bareReady = median(phase.bare.map((s) => s.readyMs));
  const widgetStore = median(phase.widget.map((s) => s.storeMs));
  const bareStore = median(phase.bare.map((s) => s.storeMs));
  const limit = budget === undefined ? {} : { budget: { op: '<=' as const, limit: budget } };
  return [
    {
      key: `browser.readyRatio${suffix}`,
      label: `2 time to qenta-ready ÷ bare <script> load, ${name}`,
      value: widgetReady / bareReady,
      unit: 'x',
      detail: {
        widgetMs: widgetReady,
        bareScriptMs: bareReady,
        firstRenderMs: median(phase.widget.map((s) => s.renderMs)),
        scriptRequestedMs: median(phase.widget.map((s) => s.requestMs)),
        scriptReceivedMs: median(phase.widget.map((s) => s.responseMs)),
        loadsEach: phase.widget.length,
      },
      ...limit,
    },
    {
      key: `browser.storeRatio${suffix}`,
      label: `3 store → qenta-stored ÷ bare fetch of the store request, ${name}`,
      value: widgetStore / bareStore,
      unit: 'x',
      detail: { widgetMs: widgetStore, bareFetchMs: bareStore, samplesEach: phase.widget.length },
      ...limit,
    },
  ];
}

/**
 * Measures time-to-ready and store round trip ratios: `loads` page loads per side on loopback,
 * `networkLoads` per side with 100 ms RTT and 4x CPU slowdown.
 *
 * @example
 * ```ts
 * const figures = await measureBrowser({ loads: 30, networkLoads: 20 });
 * ```
 */
export async function measureBrowser(options: {
  loads: number;
  networkLoads: number;
}): Promise<Figure[]> {
  // A computed specifier: the repo's helper is plain JavaScript without type declarations.
  const chromeModule = new URL('../scripts/chrome.mjs', import.meta.url).href;
  const { findChrome, CHROME_ARGS } = (await import(chromeModule)) as ChromeModule;
  const emulator = await createEmulator();
  const pageServer = await serveWidgetPage();
  const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
  try {
    const client = createQentaClient({
      baseUrl: emulator.baseUrl,
      customerId: 'D200001',
      shopId: 'qmore',
      secret: DEMO_SECRET,
    });
    const context = await browser.newContext();
    // tsx compiles this file with esbuild's keepNames, so functions passed to page.evaluate call
    // a `__name` helper that only exists in Node; give the page a no-op one.
    await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const rig: Rig = {
      page,
      cdp,
      pageUrl: pageServer.url,
      storeUrl: `${emulator.baseUrl}/dataStorage/store`,
      storage: () =>
        client.dataStorage.init({
          orderIdent: randomBytes(8).toString('hex'),
          returnUrl: `${pageServer.url}return`,
          language: 'en',
        }),
    };
    const loopback = await runPhase(rig, LOOPBACK, options.loads);
    const shopper = await runPhase(rig, SHOPPER, options.networkLoads);
    const figures = [
      ...phaseFigures(loopback, 'loopback', ''),
      ...phaseFigures(shopper, '100 ms RTT + 4x CPU slowdown', '.network', 1.15),
    ];
    const [first] = figures;
    if (first?.detail) first.detail.lazyChunkRequests = pageServer.lazyChunkRequests();
    return figures;
  } finally {
    await browser.close();
    await pageServer.close();
    await emulator.close();
  }
}
