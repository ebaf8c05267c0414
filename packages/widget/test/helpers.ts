// Helpers of the browser tests: bounded waits, typing into the element's fields by their label,
// and reading what the test shop (test/shop-server.mjs) saw.
import type { QentaPaymentForm } from '../src/payment-form/payment-form.ts';

/** Rejects after `ms` so no wait in a test is unbounded. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out: ${what}`)), ms),
    ),
  ]);
}

/** The next event of that type on the target, within `ms`. */
export function expectEvent<E extends Event>(
  target: EventTarget,
  type: string,
  ms = 5000,
): Promise<E> {
  return within(
    new Promise<E>((resolve) =>
      target.addEventListener(type, (event) => resolve(event as E), { once: true }),
    ),
    ms,
    `event ${type}`,
  );
}

/** The input labelled `label` inside the element's shadow root. */
export function field(element: QentaPaymentForm, label: string): HTMLInputElement {
  const root = element.shadowRoot as ShadowRoot;
  const labelElement = [...root.querySelectorAll('label')].find(
    (l) => l.textContent?.trim() === label,
  );
  if (!labelElement) throw new Error(`no field labelled ${label}`);
  return root.getElementById(labelElement.htmlFor) as HTMLInputElement;
}

/** Types values as the user would (value + input event), by label. */
export async function fill(
  element: QentaPaymentForm,
  values: Record<string, string>,
): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    const input = field(element, label);
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  await element.updateComplete;
}

/** A `part` inside the shadow root. */
export function part(element: QentaPaymentForm, name: string): HTMLElement | null {
  return (element.shadowRoot as ShadowRoot).querySelector(`[part~="${name}"]`);
}

export const VISA = {
  'Card number': '4111 1111 1111 1111',
  'Month (MM)': '12',
  'Year (YYYY)': '2031',
  'Security code (CVC)': '123',
  'Name on card': 'Jane Doe',
};

/** The test shop's view: emulator origin and how many inits it ran. */
export async function shopState(): Promise<{ gateway: string; inits: number }> {
  return (await fetch('/__test/config')).json();
}

/** Every request the shop origin received since the last clear. */
export async function shopRequests(): Promise<{ method: string; url: string; body: string }[]> {
  return (await fetch('/__test/requests')).json();
}

export async function clearShopRequests(): Promise<void> {
  await fetch('/__test/requests/clear', { method: 'POST' });
}

/** Waits until the element is ready (bounded). */
export async function ready(element: QentaPaymentForm, ms = 6000): Promise<QentaPaymentForm> {
  await within(element.whenReady(), ms, 'whenReady');
  await element.updateComplete;
  return element;
}

/** Polls `check` every 20 ms until it is true (bounded). */
export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  await within(
    (async () => {
      while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
    })(),
    ms,
    what,
  );
}

/** The message linked to the field labelled `label` through `aria-describedby`. */
export function errorOf(element: QentaPaymentForm, label: string): string {
  const id = field(element, label).getAttribute('aria-describedby') ?? '';
  return (element.shadowRoot as ShadowRoot).getElementById(id)?.textContent ?? '';
}
