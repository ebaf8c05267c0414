import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  clearShopRequests,
  errorOf,
  expectEvent,
  field,
  fill,
  part,
  ready,
  shopRequests,
  until,
  VISA,
  within,
} from '../../test/helpers.ts';
import '../define.ts';
import type { QentaErrorEvent, QentaStoredEvent } from '../events.ts';
import type { QentaPaymentForm } from './payment-form.ts';

const INIT = '/api/data-storage';

async function mount(template = html`<qenta-payment-form init-url=${INIT}></qenta-payment-form>`) {
  return ready(await fixture<QentaPaymentForm>(template));
}

describe('<qenta-payment-form>', () => {
  it('passes an axe check when ready, with labels on every field', async () => {
    const element = await mount();
    await expect(element).to.be.accessible();
    for (const input of element.shadowRoot?.querySelectorAll('input') ?? []) {
      expect(element.shadowRoot?.querySelector(`label[for="${input.id}"]`)).to.exist;
      expect(input.getAttribute('aria-describedby')).to.match(/^error-/);
    }
  });

  it('passes an axe check while loading, in the stored summary and in the load-error panel', async () => {
    const loading = await fixture<QentaPaymentForm>(
      html`<qenta-payment-form javascript-url="/__test/slow.js" load-timeout="1500"></qenta-payment-form>`,
    );
    const failed = expectEvent(loading, 'qenta-load-error');
    expect(loading.readyState).to.equal('loading');
    await expect(loading).to.be.accessible();
    await failed;
    await loading.updateComplete;
    await expect(loading).to.be.accessible();
    const element = await mount();
    await fill(element, VISA);
    await element.store();
    await element.updateComplete;
    await expect(element).to.be.accessible();
  });

  it('shows a skeleton with the same height while loading, then becomes ready', async () => {
    const element = await fixture<QentaPaymentForm>(
      html`<qenta-payment-form init-url=${INIT}></qenta-payment-form>`,
    );
    expect(element.readyState).to.equal('loading');
    expect(element.matches(':state(loading)')).to.equal(true);
    // The fields take input while loading (what is typed is kept, see below).
    expect((part(element, 'fields') as HTMLFieldSetElement).disabled).to.equal(false);
    const before = element.getBoundingClientRect().height;
    const readyEvent = expectEvent(element, 'qenta-ready');
    await ready(element);
    await readyEvent;
    expect(element.readyState).to.equal('ready');
    expect(element.matches(':state(ready)')).to.equal(true);
    expect(element.getBoundingClientRect().height).to.equal(before);
  });

  it('keeps what is typed while loading and stores it once ready', async () => {
    // A slow shop endpoint: the element stays in `loading` for 600 ms.
    const element = await fixture<QentaPaymentForm>(
      html`<qenta-payment-form init-url=${`${INIT}?delay=600`} required></qenta-payment-form>`,
    );
    expect(element.readyState).to.equal('loading');
    expect(element.validity.valueMissing).to.equal(true);
    field(element, 'Card number').focus();
    await sendKeys({ type: '4111111111111111' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '12' });
    expect(element.readyState, 'typed while loading').to.equal('loading');
    // Filled in, so a submit now goes on to store once ready (not "please enter").
    expect(element.validity.valueMissing).to.equal(false);
    await ready(element);
    expect(field(element, 'Card number').value).to.equal('4111 1111 1111 1111');
    expect(field(element, 'Month (MM)').value).to.equal('12');
    await fill(element, {
      'Year (YYYY)': '2031',
      'Security code (CVC)': '123',
      'Name on card': 'Jane Doe',
    });
    const { maskedPan, expiry } = await element.store();
    expect(maskedPan).to.equal('411111******1111');
    expect(expiry).to.equal('12/2031');
  });

  it('has one live region from the first render that announces progress', async () => {
    const element = await fixture<QentaPaymentForm>(
      html`<qenta-payment-form init-url=${INIT}></qenta-payment-form>`,
    );
    const regions = element.shadowRoot?.querySelectorAll('[aria-live]');
    expect(regions?.length).to.equal(1);
    const region = regions?.[0] as HTMLElement;
    expect(region.getAttribute('role')).to.equal('status');
    await ready(element);
    expect(region.textContent).to.equal('Payment form ready.');
    expect(element.shadowRoot?.querySelector('[aria-live]')).to.equal(region);
  });

  it('stores a card and emits qenta-stored with the anonymised data only', async () => {
    const element = await mount();
    await fill(element, VISA);
    const stored = expectEvent<QentaStoredEvent>(element, 'qenta-stored');
    const result = await within(element.store(), 6000, 'store');
    const event = await stored;
    expect(result.maskedPan).to.equal('411111******1111');
    expect(event.anonymized.maskedPan).to.equal('411111******1111');
    expect(event.paymentType).to.equal('CCARD');
    expect(event.storageId).to.match(/^[0-9a-f]{32}$/);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(element.readyState).to.equal('stored');
    expect(element.matches(':state(stored)')).to.equal(true);
    const summary = part(element, 'summary') as HTMLElement;
    expect(summary.textContent).to.contain('411111******1111');
    expect(summary.textContent).to.contain('Expires 12/2031');
    expect(summary.textContent).to.contain('Jane Doe');
    expect(summary.querySelector('[part~="brand"]')?.getAttribute('aria-label')).to.equal('Visa');
  });

  it('"use another card" goes back to empty fields with focus in the first one', async () => {
    const element = await mount();
    await fill(element, VISA);
    await element.store();
    await element.updateComplete;
    (part(element, 'change-button') as HTMLButtonElement).click();
    await element.updateComplete;
    await aTimeout(0);
    expect(element.readyState).to.equal('ready');
    expect(field(element, 'Card number').value).to.equal('');
    expect(element.shadowRoot?.activeElement).to.equal(field(element, 'Card number'));
  });

  const types: [string, Record<string, string>, string, string][] = [
    ['CCARD-MOTO', VISA, 'maskedPan', '411111******1111'],
    ['MAESTRO', { ...VISA, 'Card number': '6759649826438453' }, 'maskedPan', '675964******8453'],
    [
      'SEPA-DD',
      {
        'Account holder': 'Jane Doe',
        IBAN: 'DE89 3704 0044 0532 0130 00',
        'BIC (optional)': 'COBADEFFXXX',
      },
      'accountOwner',
      'Jane Doe',
    ],
    ['PBX', { 'paybox number': '0123456789' }, 'payerPayboxNumber', '0123456789'],
    [
      'GIROPAY',
      { 'Account holder': 'Jane Doe', 'Account number': '1234567890', 'Bank code': '99000001' },
      'bankNumber',
      '99000001',
    ],
    ['VOUCHER', { 'Voucher code': 'V-0123456789' }, 'voucherId', 'V-0123456789'],
  ];
  for (const [type, values, key, expected] of types) {
    it(`stores payment type ${type}`, async () => {
      const element = await mount(
        html`<qenta-payment-form init-url=${INIT} payment-type=${type}></qenta-payment-form>`,
      );
      await fill(element, values);
      const result = await within(element.store(), 6000, `store ${type}`);
      expect(result[key]).to.equal(expected);
      expect(result.paymentType ?? type).to.equal(type);
      expect(element.readyState).to.equal('stored');
    });
  }

  it('checks the card before any call: Luhn, expiry, CVC length; focuses the first invalid field', async () => {
    const element = await mount();
    const calls: string[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return original(input, init);
    };
    try {
      await fill(element, {
        ...VISA,
        'Card number': '4111 1111 1111 1112',
        'Year (YYYY)': '2001',
        'Security code (CVC)': '12',
      });
      const failed = expectEvent<QentaErrorEvent>(element, 'qenta-error');
      const error = await element.store().catch((e: unknown) => e);
      expect((error as { code: string }).code).to.equal('invalid-input');
      expect((await failed).code).to.equal('invalid-input');
      await aTimeout(0);
      expect(calls).to.deep.equal([]);
    } finally {
      window.fetch = original;
    }
    const pan = field(element, 'Card number');
    expect(pan.getAttribute('aria-invalid')).to.equal('true');
    expect(errorOf(element, 'Card number')).to.equal('This card number is not valid.');
    expect(errorOf(element, 'Month (MM)')).to.equal('This card has expired.');
    expect(errorOf(element, 'Year (YYYY)')).to.equal('This card has expired.');
    expect(errorOf(element, 'Security code (CVC)')).to.equal('Enter the 3-digit security code.');
    expect(element.shadowRoot?.activeElement).to.equal(pan);
    expect(element.matches(':state(invalid)')).to.equal(true);
    expect(element.shadowRoot?.querySelector('[aria-live]')?.textContent).to.contain(
      'Please check your payment details.',
    );
  });

  it('rejects the demo PANs without test-mode and accepts them with it', async () => {
    const plain = await mount();
    await fill(plain, { ...VISA, 'Card number': '9500000000000002' });
    const error = await plain.store().catch((e: unknown) => e);
    expect((error as { code: string }).code).to.equal('invalid-input');
    const testing = await mount(
      html`<qenta-payment-form init-url=${INIT} test-mode></qenta-payment-form>`,
    );
    await fill(testing, { ...VISA, 'Card number': '9500000000000002' });
    const result = await testing.store();
    expect(result.maskedPan).to.equal('950000******0002');
  });

  it('test-mode offers a picker of test cards that fills the fields', async () => {
    const element = await mount(
      html`<qenta-payment-form init-url=${INIT} test-mode></qenta-payment-form>`,
    );
    await until(() => Boolean(part(element, 'test-cards')), 3000, 'picker');
    const picker = part(element, 'test-cards') as HTMLSelectElement;
    const options = [...picker.options].map((option) => option.textContent ?? '');
    expect(options.some((text) => text.includes('3-D Secure'))).to.equal(true);
    expect(options.some((text) => text.includes('declined'))).to.equal(true);
    picker.value = '378282246310005';
    picker.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(field(element, 'Card number').value).to.equal('3782 822463 10005');
    expect(field(element, 'Security code (CVC)').value).to.equal('1234');
    const result = await element.store();
    expect(result.brand).to.equal('American Express');
  });

  it('spaces the number while typing, shows the brand icon and uses card autocomplete tokens', async () => {
    const element = await mount();
    const pan = field(element, 'Card number');
    pan.focus();
    await sendKeys({ type: '378282246310005' });
    await element.updateComplete;
    expect(pan.value).to.equal('3782 822463 10005');
    expect(
      element.shadowRoot?.querySelector('[part~="brand"]')?.getAttribute('aria-label'),
    ).to.equal('American Express');
    expect(pan.autocomplete).to.equal('cc-number');
    expect(pan.inputMode).to.equal('numeric');
    expect(field(element, 'Month (MM)').autocomplete).to.equal('cc-exp-month');
    expect(field(element, 'Year (YYYY)').autocomplete).to.equal('cc-exp-year');
    expect(field(element, 'Security code (CVC)').autocomplete).to.equal('cc-csc');
    expect(field(element, 'Name on card').autocomplete).to.equal('cc-name');
  });

  it('is usable by keyboard alone: Tab moves through the fields in order', async () => {
    const element = await mount();
    field(element, 'Card number').focus();
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      order.push((element.shadowRoot?.activeElement as HTMLElement | null)?.id ?? '');
    }
    expect(order).to.deep.equal([
      'expirationMonth',
      'expirationYear',
      'cardverifycode',
      'cardholdername',
    ]);
  });

  it('fires input and change on the host without the typed text, composed as native ones', async () => {
    // Inside another component's shadow root: `input` crosses it, `change` stops at it, as for
    // a native <input> in the same place (README "Events").
    const outer = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = outer.attachShadow({ mode: 'open' });
    const element = document.createElement('qenta-payment-form');
    element.initUrl = INIT;
    root.append(element);
    await ready(element);
    // Targets are read while the event is dispatched: inside a shadow tree they are cleared after.
    const seen: string[] = [];
    for (const type of ['input', 'change']) {
      element.addEventListener(type, (event) => {
        const { target, bubbles, composed } = event;
        seen.push(`${type} on host: ${target === element} ${bubbles} ${composed}`);
      });
      outer.addEventListener(type, () => seen.push(`${type} outside`));
    }
    const input = expectEvent<InputEvent>(element, 'input');
    const change = expectEvent(element, 'change');
    field(element, 'Card number').focus();
    await sendKeys({ type: '4' });
    expect((await input).data).to.equal(undefined);
    await sendKeys({ press: 'Tab' });
    await change;
    expect(seen).to.deep.equal([
      'input on host: true true true',
      'input outside',
      'change on host: true true false',
    ]);
  });

  it('sends its language to init-url', async () => {
    await clearShopRequests();
    await mount(html`<qenta-payment-form init-url=${INIT} lang="de-AT"></qenta-payment-form>`);
    await mount();
    const bodies = (await shopRequests())
      .filter((request) => request.url === INIT && request.method === 'POST')
      .map((request) => JSON.parse(request.body).language);
    expect(bodies).to.deep.equal(['de', 'en']);
  });

  it('speaks German with lang="de" and takes string overrides', async () => {
    const element = await mount(
      html`<qenta-payment-form init-url=${INIT} lang="de"></qenta-payment-form>`,
    );
    await until(
      () => Boolean(element.shadowRoot?.textContent?.includes('Kartennummer')),
      3000,
      'German',
    );
    expect(field(element, 'Kartennummer')).to.exist;
    element.strings = { pan: 'Long number' };
    await element.updateComplete;
    expect(field(element, 'Long number')).to.exist;
    expect(field(element, 'Prüfnummer (CVC)')).to.exist;
  });

  it('reflects disabled on its fields', async () => {
    const element = await mount();
    element.disabled = true;
    await element.updateComplete;
    expect((part(element, 'fields') as HTMLFieldSetElement).disabled).to.equal(true);
    element.disabled = false;
    // Removing the attribute calls formDisabledCallback(false), which schedules one more update.
    await element.updateComplete;
    await element.updateComplete;
    expect((part(element, 'fields') as HTMLFieldSetElement).disabled).to.equal(false);
  });
});
