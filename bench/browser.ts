/**
 * Figures 2 and 3 in headless Chromium (the machine's, via `scripts/chrome.mjs`) against a local
 * emulator. Each sample is a fresh page load with a fresh data storage; widget and bare samples
 * alternate (and swap order every round) so drift on a shared machine hits both alike.
 *
 * - Time to ready: inserting `<qenta-payment-form javascript-url=…>` → `qenta-ready`, against
 *   inserting a bare `<script src=…>` of the same kind of data-storage URL → `load`.
 * - Store round trip: entries typed → `store()` → `qenta-stored`, against a bare `fetch` of the
 *   same store request (the one the data-storage script sends) from the same page.
 */
import { randomBytes } from 'node:crypto';
import { createEmulator } from '@qenta-seamless/emulator';
import { createQentaClient } from '@qenta-seamless/server-helpers';
import { chromium, type Page } from 'playwright-core';
import { type Figure, median } from './stats.ts';
import { DEMO_SECRET } from './verify.ts';
import { serveWidgetPage } from './widget-page.ts';

interface ChromeModule {
  findChrome(): string;
  CHROME_ARGS: string[];
}

const CARD = {
  'Card number': '4111 1111 1111 1111',
  'Month (MM)': '12',
  'Year (YYYY)': '2031',
  'Security code (CVC)': '123',
  'Name on card': 'Jane Doe',
};
const STORE_FIELDS = {
  paymentType: 'CCARD',
  pan: '4111111111111111',
  expirationMonth: '12',
  expirationYear: '2031',
  cardverifycode: '123',
  cardholdername: 'Jane Doe',
};
const SAMPLE_TIMEOUT_MS = 15_000;

/** Widget sample, in the page: insert, wait for ready, type, store, wait for stored. */
async function widgetSample(page: Page, javascriptUrl: string) {
  return page.evaluate(
    async ({ url, card, limit }) => {
      const within = <T>(promise: Promise<T>, what: string) =>
        Promise.race([
          promise,
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error(`${what} took over ${limit} ms`)), limit),
          ),
        ]);
      await customElements.whenDefined('qenta-payment-form');
      const element = document.createElement('qenta-payment-form') as HTMLElement & {
        store(): Promise<unknown>;
        updateComplete: Promise<unknown>;
      };
      element.setAttribute('javascript-url', url);
      const ready = new Promise((resolve) =>
        element.addEventListener('qenta-ready', resolve, { once: true }),
      );
      const t0 = performance.now();
      document.body.append(element);
      // The first render runs while the script is on the wire; its length says how much of
      // the gap to the bare script is the element's own work.
      let renderMs = 0;
      void element.updateComplete.then(() => {
        renderMs = performance.now() - t0;
      });
      await within(ready, 'qenta-ready');
      const readyMs = performance.now() - t0;
      // When the browser asked for the script and had it, relative to the insertion.
      const timing = performance.getEntriesByType('resource').find((entry) => entry.name === url) as
        | PerformanceResourceTiming
        | undefined;
      const requestMs = timing ? timing.startTime - t0 : Number.NaN;
      const responseMs = timing ? timing.responseEnd - t0 : Number.NaN;
      await element.updateComplete;
      const root = element.shadowRoot as ShadowRoot;
      for (const [label, value] of Object.entries(card)) {
        const labelElement = [...root.querySelectorAll('label')].find(
          (candidate) => candidate.textContent?.trim() === label,
        );
        const input = root.getElementById(labelElement?.htmlFor ?? '') as HTMLInputElement | null;
        if (!input) throw new Error(`no field labelled ${label}`);
        input.value = value;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
      await element.updateComplete;
      const stored = new Promise((resolve) =>
        element.addEventListener('qenta-stored', resolve, { once: true }),
      );
      const t1 = performance.now();
      void element.store().catch(() => undefined);
      await within(stored, 'qenta-stored');
      return { readyMs, renderMs, requestMs, responseMs, storeMs: performance.now() - t1 };
    },
    { url: javascriptUrl, card: CARD, limit: SAMPLE_TIMEOUT_MS },
  );
}

/** Bare sample, in the page: a `<script>` of the URL, then the store request by hand. */
async function bareSample(page: Page, javascriptUrl: string, storeUrl: string, body: string) {
  return page.evaluate(
    async ({ url, storeUrl, body, limit }) => {
      const script = document.createElement('script');
      script.src = url;
      const loaded = new Promise((resolve, reject) => {
        script.onload = resolve;
        script.onerror = () => reject(new Error('the bare script failed to load'));
        setTimeout(() => reject(new Error(`script load took over ${limit} ms`)), limit);
      });
      const t0 = performance.now();
      document.head.append(script);
      await loaded;
      const readyMs = performance.now() - t0;
      const t1 = performance.now();
      const response = await fetch(storeUrl, {
        method: 'POST',
        body: new URLSearchParams(body),
        credentials: 'omit',
        mode: 'cors',
      });
      await response.json();
      return { readyMs, storeMs: performance.now() - t1 };
    },
    { url: javascriptUrl, storeUrl, body, limit: SAMPLE_TIMEOUT_MS },
  );
}

/**
 * Measures time-to-ready and store round trip ratios over `loads` page loads per side.
 *
 * @example
 * ```ts
 * const figures = await measureBrowser({ loads: 30 });
 * ```
 */
export async function measureBrowser(options: { loads: number }): Promise<Figure[]> {
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
    const storage = () =>
      client.dataStorage.init({
        orderIdent: randomBytes(8).toString('hex'),
        returnUrl: `${pageServer.url}return`,
        language: 'en',
      });
    const context = await browser.newContext();
    // tsx compiles this file with esbuild's keepNames, so functions passed to page.evaluate call
    // a `__name` helper that only exists in Node; give the page a no-op one.
    await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    const page = await context.newPage();
    const widget: {
      readyMs: number;
      renderMs: number;
      requestMs: number;
      responseMs: number;
      storeMs: number;
    }[] = [];
    const bare: { readyMs: number; storeMs: number }[] = [];
    const runWidget = async () => {
      const { javascriptUrl } = await storage();
      await page.goto(pageServer.url);
      widget.push(await widgetSample(page, javascriptUrl));
    };
    const runBare = async () => {
      const { storageId, javascriptUrl } = await storage();
      await page.goto(pageServer.url);
      const body = new URLSearchParams({ storageId, ...STORE_FIELDS }).toString();
      bare.push(
        await bareSample(page, javascriptUrl, `${emulator.baseUrl}/dataStorage/store`, body),
      );
    };
    // Warm-up: first loads compile the bundle and open connections; not counted.
    await runWidget();
    await runBare();
    widget.length = 0;
    bare.length = 0;
    for (let round = 0; round < options.loads; round++) {
      if (round % 2 === 0) {
        await runWidget();
        await runBare();
      } else {
        await runBare();
        await runWidget();
      }
    }
    const widgetReady = median(widget.map((s) => s.readyMs));
    const bareReady = median(bare.map((s) => s.readyMs));
    const widgetStore = median(widget.map((s) => s.storeMs));
    const bareStore = median(bare.map((s) => s.storeMs));
    return [
      {
        key: 'browser.readyRatio',
        label: '2 time to qenta-ready ÷ bare <script> load',
        value: widgetReady / bareReady,
        unit: 'x',
        detail: {
          widgetMs: widgetReady,
          bareScriptMs: bareReady,
          firstRenderMs: median(widget.map((s) => s.renderMs)),
          scriptRequestedMs: median(widget.map((s) => s.requestMs)),
          scriptReceivedMs: median(widget.map((s) => s.responseMs)),
          loadsEach: widget.length,
        },
        budget: { op: '<=', limit: 1.5 },
      },
      {
        key: 'browser.storeRatio',
        label: '3 store → qenta-stored ÷ bare fetch of the store request',
        value: widgetStore / bareStore,
        unit: 'x',
        detail: { widgetMs: widgetStore, bareFetchMs: bareStore, samplesEach: widget.length },
      },
    ];
  } finally {
    await browser.close();
    await pageServer.close();
    await emulator.close();
  }
}
