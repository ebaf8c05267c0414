import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  clearShopRequests,
  expectEvent,
  field,
  fill,
  ready,
  shopRequests,
  shopState,
  until,
  VISA,
  within,
} from '../../test/helpers.ts';
import '../define.ts';
import type { QentaLoadErrorEvent } from '../events.ts';
import type { QentaPaymentForm } from './payment-form.ts';

const PAN = '4111111111111111';
const PAN_SPACED = '4111 1111 1111 1111';
const CVC = '737';

/** True when `text` carries the PAN (plain, spaced, URL-encoded) or the CVC as a value of its own. */
function leaks(text: string): boolean {
  const decoded = (() => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
  })();
  return [text, decoded].some(
    (t) =>
      t.includes(PAN) ||
      t.includes(PAN_SPACED) ||
      new RegExp(`(^|[^0-9a-z])${CVC}([^0-9a-z]|$)`, 'i').test(t),
  );
}

function allAttributes(root: Element | ShadowRoot): string[] {
  const values: string[] = [];
  const walk = (node: Element | ShadowRoot) => {
    if (node instanceof Element)
      for (const attribute of node.attributes) values.push(attribute.value);
    for (const child of node.children) walk(child);
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
  };
  walk(root);
  return values;
}

describe('<qenta-payment-form> security', () => {
  it('card data never reaches the shop, the form value, events, attributes or the console', async () => {
    const { gateway } = await shopState();
    const requests: { url: string; body: string }[] = [];
    const logged: string[] = [];
    const originalFetch = window.fetch;
    const originalSend = XMLHttpRequest.prototype.send;
    const originalOpen = XMLHttpRequest.prototype.open;
    const originalBeacon = navigator.sendBeacon.bind(navigator);
    const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originalConsole = consoleMethods.map((name) => console[name]);
    window.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      requests.push({ url: new URL(url, location.href).href, body: String(init?.body ?? '') });
      return originalFetch(input, init);
    };
    XMLHttpRequest.prototype.open = function open(
      this: XMLHttpRequest & { recordedUrl?: string },
      ...args: unknown[]
    ) {
      this.recordedUrl = String(args[1]);
      return (originalOpen as (...a: unknown[]) => void).apply(this, args);
    };
    XMLHttpRequest.prototype.send = function send(
      this: XMLHttpRequest & { recordedUrl?: string },
      body,
    ) {
      requests.push({
        url: new URL(this.recordedUrl ?? '', location.href).href,
        body: String(body ?? ''),
      });
      return originalSend.call(this, body);
    };
    navigator.sendBeacon = (url, data) => {
      requests.push({ url: new URL(String(url), location.href).href, body: String(data ?? '') });
      return originalBeacon(url, data);
    };
    consoleMethods.forEach((name, i) => {
      console[name] = (...args: unknown[]) => {
        logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
        (originalConsole[i] as (...a: unknown[]) => void)(...args);
      };
    });
    const resources: string[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) resources.push(entry.name);
    });
    observer.observe({ type: 'resource', buffered: false });
    const events: string[] = [];
    try {
      await clearShopRequests();
      const root = await fixture<HTMLDivElement>(html`<div>
        <iframe name="leak-sink" title="submit target"></iframe>
        <form action="/shop/after-submit" method="post" target="leak-sink">
          <qenta-payment-form name="payment" init-url="/api/data-storage" required></qenta-payment-form>
          <button>Pay</button>
        </form>
      </div>`);
      const element = root.querySelector('qenta-payment-form') as QentaPaymentForm;
      for (const type of [
        'qenta-ready',
        'qenta-stored',
        'qenta-error',
        'qenta-load-error',
        'input',
        'change',
      ]) {
        root.addEventListener(type, (event) => {
          const own: Record<string, unknown> = {};
          for (const key of [...Object.keys(event), 'data', 'detail']) {
            own[key] = (event as unknown as Record<string, unknown>)[key];
          }
          events.push(`${type} ${JSON.stringify(own)}`);
        });
      }
      await ready(element);
      field(element, 'Card number').focus();
      await sendKeys({ type: PAN });
      // A paste: the native InputEvent would carry the whole PAN in `data`.
      const pan = field(element, 'Card number');
      pan.value = PAN;
      pan.dispatchEvent(
        new InputEvent('input', {
          data: PAN,
          inputType: 'insertFromPaste',
          bubbles: true,
          composed: true,
        }),
      );
      field(element, 'Security code (CVC)').focus();
      await sendKeys({ type: CVC });
      await fill(element, {
        'Month (MM)': '12',
        'Year (YYYY)': '2031',
        'Name on card': 'Jane Doe',
      });
      // While typed: the data is in the inputs' values only, never in an attribute.
      expect(allAttributes(element).some(leaks)).to.equal(false);
      const sink = root.querySelector('iframe') as HTMLIFrameElement;
      const submitted = expectEvent(sink, 'load', 8000);
      (root.querySelector('button') as HTMLButtonElement).click();
      await submitted;
      await aTimeout(100);

      // The recorder works: the card went to the gateway, and only there.
      const toGateway = requests.filter((r) => r.url.startsWith(`${gateway}/`));
      expect(toGateway.some((r) => r.body.includes(PAN))).to.equal(true);
      const elsewhere = requests.filter((r) => !r.url.startsWith(`${gateway}/`));
      expect(elsewhere.length).to.be.greaterThan(0);
      expect(elsewhere.filter((r) => leaks(r.url) || leaks(r.body))).to.deep.equal([]);
      const atShop = await shopRequests();
      expect(atShop.some((r) => r.url === '/shop/after-submit')).to.equal(true);
      expect(atShop.filter((r) => leaks(r.url) || leaks(r.body))).to.deep.equal([]);
      expect(
        resources.filter((name) => !name.startsWith(`${gateway}/`) && leaks(name)),
      ).to.deep.equal([]);
      const form = root.querySelector('form') as HTMLFormElement;
      expect([...new FormData(form).values()].map(String).filter(leaks)).to.deep.equal([]);
      expect(events.some((e) => e.startsWith('qenta-stored'))).to.equal(true);
      expect(events.filter(leaks)).to.deep.equal([]);
      expect(allAttributes(root).filter(leaks)).to.deep.equal([]);
      const inputs = [...(element.shadowRoot?.querySelectorAll('input') ?? [])];
      expect(inputs.map((input) => input.value).filter(leaks)).to.deep.equal([]);
      expect(logged.filter(leaks)).to.deep.equal([]);
    } finally {
      observer.disconnect();
      window.fetch = originalFetch;
      XMLHttpRequest.prototype.send = originalSend;
      XMLHttpRequest.prototype.open = originalOpen;
      navigator.sendBeacon = originalBeacon;
      consoleMethods.forEach((name, i) => {
        console[name] = originalConsole[i] as (typeof console)[typeof name];
      });
    }
  });

  async function cspPage(query: string) {
    const root = await fixture<HTMLDivElement>(
      html`<div><iframe title="strict CSP shop page" src=${`/csp-page.html?${query}`}></iframe></div>`,
    );
    const frame = root.querySelector('iframe') as HTMLIFrameElement;
    await until(
      () => Boolean(frame.contentDocument?.querySelector('qenta-payment-form')?.shadowRoot),
      6000,
      'CSP page element',
    );
    const win = frame.contentWindow as Window & { violations: string[] };
    return {
      element: frame.contentDocument?.querySelector('qenta-payment-form') as QentaPaymentForm,
      win,
    };
  }

  it('works on a page with a strict Content-Security-Policy, without a single violation', async () => {
    const { element, win } = await cspPage('paymentType=CCARD');
    await ready(element);
    await fill(element, VISA);
    const result = await within(element.store(), 6000, 'store under CSP');
    expect(result.maskedPan).to.equal('411111******1111');
    expect(win.violations).to.deep.equal([]);
    // The styles arrived through adopted style sheets (no inline <style> needed).
    expect(element.shadowRoot?.adoptedStyleSheets.length).to.be.greaterThan(0);
  });

  it('pci3 mode works under the strict policy too', async () => {
    const { element, win } = await cspPage('mode=pci3');
    await ready(element);
    expect(element.querySelector('iframe')).to.exist;
    expect(win.violations).to.deep.equal([]);
  });

  it('passes window.litNonce to the gateway script, so a nonce-only policy lets it run', async () => {
    const { element, win } = await cspPage('nonce=n0nce1234abcd');
    await ready(element);
    expect(win.violations).to.deep.equal([]);
    await fill(element, VISA);
    expect((await within(element.store(), 6000, 'store with nonce')).maskedPan).to.equal(
      '411111******1111',
    );
  });

  it('reports csp when the page policy blocks the gateway script', async () => {
    const { element, win } = await cspPage('block=1');
    const event =
      element.readyState === 'error'
        ? ({ reason: element.loadErrorReason } as QentaLoadErrorEvent)
        : await expectEvent<QentaLoadErrorEvent>(element, 'qenta-load-error', 6000);
    expect(event.reason).to.equal('csp');
    expect(win.violations.some((v) => v.startsWith('script-src'))).to.equal(true);
  });
});
