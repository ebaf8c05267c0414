import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  errorOf,
  expectEvent,
  field,
  fill,
  part,
  ready,
  shopState,
  until,
  VISA,
  within,
} from '../../test/helpers.ts';
import '../define.ts';
import type { QentaErrorEvent, QentaLoadErrorEvent } from '../events.ts';
import type { QentaPaymentForm } from './payment-form.ts';

const INIT = '/api/data-storage';

/**
 * Starts listening for the emulator iframe's `qenta:ready` message (it has its fields then);
 * call before the element builds the iframe, await the result after.
 */
async function gatewayFrameReady(): Promise<() => Promise<void>> {
  const { gateway } = await shopState();
  let frameReady = false;
  const onMessage = (event: MessageEvent) => {
    if (event.origin === gateway && event.data?.type === 'qenta:ready') frameReady = true;
  };
  window.addEventListener('message', onMessage);
  return async () => {
    await until(() => frameReady, 5000, 'gateway iframe ready');
    window.removeEventListener('message', onMessage);
  };
}

describe('<qenta-payment-form> and the gateway', () => {
  it('shows the gateway consumerMessage at its field, in the language it sent to init-url, as text', async () => {
    // The test shop inits the storage in the language the element sends (as the README's snippet).
    const root = await fixture<HTMLElement>(
      html`<div lang="de"><qenta-payment-form init-url="/api/data-storage" payment-type="SEPA-DD"></qenta-payment-form></div>`,
    );
    const element = await ready(root.querySelector('qenta-payment-form') as QentaPaymentForm);
    await until(
      () => Boolean(element.shadowRoot?.textContent?.includes('Kontoinhaber')),
      3000,
      'German',
    );
    // Passes the element's shape check (8 alphanumerics) but not the gateway's BIC rule.
    await fill(element, {
      Kontoinhaber: 'Jane',
      IBAN: 'DE89370400440532013000',
      'BIC (optional)': '12345678',
    });
    const failed = expectEvent<QentaErrorEvent>(element, 'qenta-error');
    const error = (await element.store().catch((e: unknown) => e)) as { code: string };
    const event = await failed;
    expect(error.code).to.equal('gateway-rejected');
    expect(event.code).to.equal('gateway-rejected');
    expect(event.errors[0]?.errorCode).to.equal('18532');
    expect(event.errors[0]?.field).to.equal('bankBic');
    expect(errorOf(element, 'BIC (optional)')).to.equal('BIC ist ungültig.');
    const message = element.shadowRoot?.getElementById(
      field(element, 'BIC (optional)').getAttribute('aria-describedby') ?? '',
    ) as HTMLElement;
    // Rendered as text: no element came out of the message.
    expect(message.children.length).to.equal(0);
    expect(field(element, 'BIC (optional)').getAttribute('aria-invalid')).to.equal('true');
    expect(element.readyState).to.equal('ready');
  });

  it('gets a fresh data storage when the old one expired, and stores the same entries', async () => {
    const element = await ready(
      await fixture<QentaPaymentForm>(
        html`<qenta-payment-form init-url=${INIT}></qenta-payment-form>`,
      ),
    );
    const before = (await shopState()).inits;
    await fetch('/__test/expire', { method: 'POST' });
    await fill(element, VISA);
    const result = await within(element.store(), 8000, 'store after expiry');
    expect(result.maskedPan).to.equal('411111******1111');
    expect((await shopState()).inits).to.equal(before + 1);
  });

  it('gets a fresh data storage when the old one was used by a payment', async () => {
    const element = await ready(
      await fixture<QentaPaymentForm>(
        html`<qenta-payment-form init-url=${INIT}></qenta-payment-form>`,
      ),
    );
    await fill(element, VISA);
    const first = expectEvent<{ storageId: string } & Event>(element, 'qenta-stored');
    await element.store();
    const { storageId } = await first;
    await fetch('/__test/consume', { method: 'POST', body: JSON.stringify({ storageId }) });
    element.reset();
    await element.updateComplete;
    await fill(element, VISA);
    const second = expectEvent<{ storageId: string } & Event>(element, 'qenta-stored');
    await within(element.store(), 8000, 'store after consume');
    expect((await second).storageId).to.not.equal(storageId);
  });

  it('says storage-expired when no init-url can renew the storage', async () => {
    const init = await (await fetch(INIT, { method: 'POST', body: '{}' })).json();
    const element = await ready(
      await fixture<QentaPaymentForm>(
        html`<qenta-payment-form javascript-url=${init.javascriptUrl}></qenta-payment-form>`,
      ),
    );
    await fetch('/__test/consume', {
      method: 'POST',
      body: JSON.stringify({ storageId: init.storageId }),
    });
    await fill(element, VISA);
    const error = (await element.store().catch((e: unknown) => e)) as { code: string };
    expect(error.code).to.equal('storage-expired');
  });

  const failures: [string, string, string][] = [
    ['timeout', 'javascript-url', '/__test/slow.js'],
    ['gateway', 'javascript-url', '/__test/empty.js'],
    ['gateway', 'init-url', '/api/data-storage-broken'],
    ['timeout', 'init-url', '/api/data-storage-slow'],
    ['network', 'init-url', 'http://127.0.0.1:9/unreachable'],
  ];
  for (const [reason, attribute, url] of failures) {
    it(`reports a load failure as ${reason} (${attribute} ${url})`, async () => {
      const element = document.createElement('qenta-payment-form');
      element.setAttribute(attribute, url);
      element.setAttribute('load-timeout', '400');
      const failed = expectEvent<QentaLoadErrorEvent>(element, 'qenta-load-error', 4000);
      const waiting = element.whenReady().catch((e: unknown) => e);
      await fixture(html`<div>${element}</div>`);
      const event = await failed;
      expect(event.reason).to.equal(reason);
      expect(((await waiting) as { code: string }).code).to.equal('not-ready');
      await element.updateComplete;
      expect(element.readyState).to.equal('error');
      expect(element.loadErrorReason).to.equal(reason);
      expect(element.matches(':state(error)')).to.equal(true);
      expect(part(element, 'load-error')?.getAttribute('role')).to.equal('alert');
    });
  }

  for (const [type, mode] of [
    ['PAYPAL', 'classic'],
    ['SEPA-DD', 'pci3'],
  ]) {
    it(`refuses payment type ${type} in ${mode} mode before calling the shop`, async () => {
      const before = (await shopState()).inits;
      const element = document.createElement('qenta-payment-form');
      element.setAttribute('init-url', INIT);
      element.setAttribute('payment-type', type as string);
      element.setAttribute('mode', mode as string);
      const failed = expectEvent<QentaLoadErrorEvent>(element, 'qenta-load-error');
      await fixture(html`<div>${element}</div>`);
      expect((await failed).reason).to.equal('gateway');
      expect((await shopState()).inits).to.equal(before);
    });
  }

  it('reports network when the gateway script URL answers 404', async () => {
    const { gateway } = await shopState();
    const element = await fixture<QentaPaymentForm>(
      html`<qenta-payment-form javascript-url=${`${gateway}/seamless/dataStorage/js/none/dataStorage.js`}></qenta-payment-form>`,
    );
    const event = await expectEvent<QentaLoadErrorEvent>(element, 'qenta-load-error');
    expect(event.reason).to.equal('network');
  });

  it('retries after a load failure, from the event and from the retry button', async () => {
    const key = Math.random().toString(36).slice(2);
    const element = document.createElement('qenta-payment-form');
    element.setAttribute('init-url', `${INIT}?failFirst=${key}`);
    const failed = expectEvent<QentaLoadErrorEvent>(element, 'qenta-load-error');
    await fixture(html`<div>${element}</div>`);
    const event = await failed;
    expect(event.reason).to.equal('gateway');
    const readyAgain = expectEvent(element, 'qenta-ready');
    event.retry();
    await readyAgain;
    expect(element.readyState).to.equal('ready');

    const key2 = Math.random().toString(36).slice(2);
    element.initUrl = `${INIT}?failFirst=${key2}`;
    await expectEvent(element, 'qenta-load-error');
    await element.updateComplete;
    const readyFromButton = expectEvent(element, 'qenta-ready');
    (part(element, 'retry-button') as HTMLButtonElement).click();
    await readyFromButton;
    await fill(element, VISA);
    expect((await element.store()).maskedPan).to.equal('411111******1111');
  });

  it('pci3: builds the gateway iframe in a slotted light-DOM container and stores with null', async () => {
    const { gateway } = await shopState();
    const element = await ready(
      await fixture<QentaPaymentForm>(
        html`<qenta-payment-form init-url=${INIT} mode="pci3"></qenta-payment-form>`,
      ),
    );
    const container = element.querySelector('[slot="frame"]') as HTMLElement;
    expect(container).to.exist;
    expect(document.getElementById(container.id)).to.equal(container);
    const iframe = container.querySelector('iframe') as HTMLIFrameElement;
    expect(new URL(iframe.src).origin).to.equal(gateway);
    expect(iframe.title).to.not.equal('');
    const slot = element.shadowRoot?.querySelector('slot[name="frame"]') as HTMLSlotElement;
    expect(slot.assignedElements()).to.deep.equal([container]);
    // Nothing typed into the gateway iframe: the gateway answers with its field errors.
    const failed = expectEvent<QentaErrorEvent>(element, 'qenta-error', 6000);
    const error = (await element.store().catch((e: unknown) => e)) as { code: string };
    expect(error.code).to.equal('gateway-rejected');
    const event = await failed;
    expect(event.errors.map((e) => e.errorCode)).to.include('11521');
    await element.updateComplete;
    expect(part(element, 'message')?.textContent).to.contain('Card number is missing.');
  });

  it('pci3: stores what the consumer typed into the gateway iframe, by keyboard', async () => {
    const frameReady = await gatewayFrameReady();
    const element = await ready(
      await fixture<QentaPaymentForm>(
        html`<qenta-payment-form init-url=${INIT} mode="pci3"></qenta-payment-form>`,
      ),
    );
    const iframe = element.querySelector('iframe') as HTMLIFrameElement;
    await frameReady();
    iframe.focus();
    // Field order in the gateway iframe (§6.5): cardholder, pan, expiry month + year (selects:
    // `End` picks the last month and the last offered year, without typeahead timing), cvc.
    for (const step of [
      { type: 'Jane Doe' },
      { type: '4111111111111111' },
      { press: 'End' },
      { press: 'End' },
      { type: '123' },
    ]) {
      await sendKeys({ press: 'Tab' });
      await sendKeys(step);
    }
    const stored = expectEvent<{ anonymized: Record<string, string> } & Event>(
      element,
      'qenta-stored',
      6000,
    );
    const outcome = await within(
      element.store().catch((error: { errors?: unknown }) => error),
      6000,
      'pci3 store',
    );
    expect(element.readyState, JSON.stringify(outcome)).to.equal('stored');
    const { anonymized } = await stored;
    expect(anonymized.maskedPan).to.equal('411111******1111');
    expect(anonymized.expiry).to.match(/^12\/20\d\d$/);
    await element.updateComplete;
    expect(element.readyState).to.equal('stored');
  });

  it('pci3: whenReady() and qenta-ready wait until the gateway iframe has loaded its fields', async () => {
    const { gateway } = await shopState();
    let frameReady = false;
    const onMessage = (event: MessageEvent) => {
      if (event.origin === gateway && event.data?.type === 'qenta:ready') frameReady = true;
    };
    // The iframe's own load event, seen before the element's listener (capture at the document).
    let frameLoaded = false;
    const onLoad = (event: Event) => {
      if (event.target instanceof HTMLIFrameElement) frameLoaded = true;
    };
    window.addEventListener('message', onMessage);
    document.addEventListener('load', onLoad, true);
    try {
      const element = await fixture<QentaPaymentForm>(
        html`<qenta-payment-form init-url=${INIT} mode="pci3"></qenta-payment-form>`,
      );
      const readyEvent = expectEvent(element, 'qenta-ready', 6000);
      await within(element.whenReady(), 6000, 'whenReady');
      expect(frameReady || frameLoaded, 'the iframe had loaded').to.equal(true);
      expect(element.readyState).to.equal('ready');
      await readyEvent;
    } finally {
      window.removeEventListener('message', onMessage);
      document.removeEventListener('load', onLoad, true);
    }
  });

  it('rejects with timeout when the gateway never answers a store call', async () => {
    const element = await ready(
      await fixture<QentaPaymentForm>(
        html`<qenta-payment-form javascript-url="/__test/silent.js" load-timeout="300"></qenta-payment-form>`,
      ),
    );
    await fill(element, VISA);
    const failed = expectEvent<QentaErrorEvent>(element, 'qenta-error');
    const error = (await element.store().catch((e: unknown) => e)) as { code: string };
    expect(error.code).to.equal('timeout');
    expect((await failed).code).to.equal('timeout');
    expect(element.readyState).to.equal('ready');
  });

  it('pci3: a used storage is renewed with a fresh, empty iframe and the consumer is asked again', async () => {
    // The iframe must have loaded before its storage is used up (the emulator serves no card
    // fields for a used storage), so the store reaches the gateway and gets 18302 back.
    const frameReady = await gatewayFrameReady();
    const element = await ready(
      await fixture<QentaPaymentForm>(
        html`<qenta-payment-form init-url=${INIT} mode="pci3"></qenta-payment-form>`,
      ),
    );
    const before = (await shopState()).inits;
    const oldFrame = element.querySelector('iframe');
    await frameReady();
    await fetch('/__test/consume-last', { method: 'POST' });
    const error = (await element.store().catch((e: unknown) => e)) as { code: string };
    expect(error.code).to.equal('storage-expired');
    expect((await shopState()).inits).to.equal(before + 1);
    await element.updateComplete;
    expect(element.readyState).to.equal('ready');
    expect(element.querySelector('iframe')).to.exist;
    expect(element.querySelector('iframe')).to.not.equal(oldFrame);
    expect(part(element, 'message')?.textContent).to.equal('Please check your payment details.');
  });

  it('pci3: takes the iframe down when removed and builds a fresh one when put back', async () => {
    const element = await ready(
      await fixture<QentaPaymentForm>(
        html`<qenta-payment-form init-url=${INIT} mode="pci3"></qenta-payment-form>`,
      ),
    );
    const parent = element.parentElement as HTMLElement;
    const first = element.querySelector('iframe');
    element.remove();
    expect(element.querySelector('iframe')).to.equal(null);
    parent.append(element);
    const second = element.querySelector('iframe');
    expect(second).to.exist;
    expect(second).to.not.equal(first);
  });

  it('pci3: ignores messages that do not come from the gateway iframe', async () => {
    const element = await ready(
      await fixture<QentaPaymentForm>(
        html`<qenta-payment-form init-url=${INIT} mode="pci3"></qenta-payment-form>`,
      ),
    );
    const iframe = element.querySelector('iframe') as HTMLIFrameElement;
    const height = iframe.style.height;
    window.postMessage({ height: 999 }, '*');
    // A same-origin frame is not the gateway either.
    const impostor = document.createElement('iframe');
    element.querySelector('[slot="frame"]')?.prepend(impostor);
    impostor.contentWindow?.parent.postMessage({ height: 777 }, '*');
    await aTimeout(100);
    impostor.remove();
    expect(iframe.style.height).to.equal(height);
  });
});
