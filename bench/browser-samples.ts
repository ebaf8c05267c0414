/**
 * The two in-page samples of figures 2 and 3, run with `page.evaluate` on a freshly loaded page:
 * the element (insert → `qenta-ready`, type a card, `store()` → `qenta-stored`) and the bare
 * baseline (insert a `<script>` of a data-storage URL → `load`, then `fetch` the store request
 * the data-storage script sends). Each has a time limit, so a hang fails the sample, not the run.
 */
import type { Page } from 'playwright-core';

const CARD = {
  'Card number': '4111 1111 1111 1111',
  'Month (MM)': '12',
  'Year (YYYY)': '2031',
  'Security code (CVC)': '123',
  'Name on card': 'Jane Doe',
};
const SAMPLE_TIMEOUT_MS = 15_000;

/** What one element sample measured (ms, from insertion or from the `store()` call). */
export interface WidgetSample {
  readyMs: number;
  renderMs: number;
  requestMs: number;
  responseMs: number;
  storeMs: number;
}

/** What one bare sample measured (ms). */
export interface BareSample {
  readyMs: number;
  storeMs: number;
}

/**
 * Element sample, in the page: insert, wait for ready, type, store, wait for stored.
 *
 * @example
 * ```ts
 * const sample = await widgetSample(page, javascriptUrl);
 * ```
 */
export async function widgetSample(page: Page, javascriptUrl: string): Promise<WidgetSample> {
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

/**
 * Bare sample, in the page: a `<script>` of the URL, then the store request by hand.
 *
 * @example
 * ```ts
 * const sample = await bareSample(page, javascriptUrl, storeUrl, body);
 * ```
 */
export async function bareSample(
  page: Page,
  javascriptUrl: string,
  storeUrl: string,
  body: string,
): Promise<BareSample> {
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
