import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  clearShopRequests,
  expectEvent,
  field,
  fill,
  part,
  ready,
  shopRequests,
  VISA,
  within,
} from '../../test/helpers.ts';
import '../define.ts';
import type { QentaStoredEvent } from '../events.ts';
import type { QentaPaymentForm } from './payment-form.ts';

const INIT = '/api/data-storage';

async function checkout(attributes = html``) {
  const root = await fixture<HTMLDivElement>(html`<div>
    <iframe name="sink" title="submit target"></iframe>
    <form action="/shop/after-submit" method="post" target="sink">
      <fieldset>
        <legend>Payment</legend>
        <qenta-payment-form name="payment" init-url=${INIT} required></qenta-payment-form>
      </fieldset>
      <button>Continue</button>
    </form>
    ${attributes}
  </div>`);
  const form = root.querySelector('form') as HTMLFormElement;
  const element = root.querySelector('qenta-payment-form') as QentaPaymentForm;
  const sink = root.querySelector('iframe') as HTMLIFrameElement;
  await ready(element);
  return { form, element, sink, button: root.querySelector('button') as HTMLButtonElement };
}

describe('<qenta-payment-form> in a form', () => {
  it('stores on submit, then lets the real submit go on with the storage id and no card data', async () => {
    const { form, element, sink, button } = await checkout();
    await clearShopRequests();
    let shopHandlers = 0;
    form.addEventListener('submit', () => {
      shopHandlers += 1;
    });
    await fill(element, VISA);
    const stored = expectEvent<QentaStoredEvent>(element, 'qenta-stored', 6000);
    const submitted = expectEvent(sink, 'load', 8000);
    button.click();
    const { storageId } = await stored;
    await submitted;
    expect(shopHandlers).to.equal(1);
    const post = (await shopRequests()).find((r) => r.url === '/shop/after-submit');
    expect(post?.method).to.equal('POST');
    const body = new URLSearchParams(post?.body);
    expect(body.get('payment')).to.equal(storageId);
    expect(body.getAll('payment.paymentType')).to.deep.equal(['CCARD']);
    expect(body.get('payment.maskedPan')).to.equal('411111******1111');
    expect(post?.body).to.not.contain('4111111111111111');
  });

  it('Enter in a field stores and submits the form, as in a native text field', async () => {
    const { form, element, sink } = await checkout();
    await clearShopRequests();
    const submitters: (HTMLElement | null)[] = [];
    form.addEventListener('submit', (event) => submitters.push(event.submitter));
    await fill(element, VISA);
    const stored = expectEvent<QentaStoredEvent>(element, 'qenta-stored', 6000);
    const submitted = expectEvent(sink, 'load', 8000);
    field(element, 'Name on card').focus();
    await sendKeys({ press: 'Enter' });
    const { storageId } = await stored;
    await submitted;
    expect(submitters.length).to.equal(1);
    const post = (await shopRequests()).find((r) => r.url === '/shop/after-submit');
    expect(new URLSearchParams(post?.body).get('payment')).to.equal(storageId);
  });

  it('takes part in FormData, required and constraint validation', async () => {
    const { form, element } = await checkout();
    expect(element.checkValidity()).to.equal(false);
    expect(element.validity.valueMissing).to.equal(true);
    expect(element.validationMessage).to.equal('Please enter your payment details.');
    expect(element.matches(':invalid')).to.equal(true);
    expect(form.checkValidity()).to.equal(false);
    expect(new FormData(form).has('payment')).to.equal(false);
    await fill(element, VISA);
    // Filled in but not stored yet: valid, so the submit reaches the element, which stores first.
    expect(element.checkValidity()).to.equal(true);
    await element.store();
    await element.updateComplete;
    const data = new FormData(form);
    expect(data.get('payment')).to.match(/^[0-9a-f]{32}$/);
    expect(data.get('payment.expiry')).to.equal('12/2031');
    expect(element.matches(':valid')).to.equal(true);
  });

  it('does not submit when the checks fail, and focuses the first invalid field', async () => {
    const { element, sink, button } = await checkout();
    await clearShopRequests();
    let navigated = false;
    sink.addEventListener('load', () => {
      navigated = true;
    });
    await fill(element, { ...VISA, 'Card number': '4111 1111 1111 1112' });
    const failed = expectEvent(element, 'qenta-error');
    button.click();
    await failed;
    await aTimeout(200);
    expect(navigated).to.equal(false);
    expect((await shopRequests()).some((r) => r.url === '/shop/after-submit')).to.equal(false);
    expect(element.shadowRoot?.activeElement).to.equal(field(element, 'Card number'));
    expect(element.checkValidity()).to.equal(false);
    expect(element.validity.customError).to.equal(true);
  });

  it('form.reset() clears the stored data and the form value', async () => {
    const { form, element } = await checkout();
    await fill(element, VISA);
    await element.store();
    await element.updateComplete;
    expect(new FormData(form).has('payment')).to.equal(true);
    form.reset();
    await element.updateComplete;
    expect(element.readyState).to.equal('ready');
    expect(new FormData(form).has('payment')).to.equal(false);
    expect(field(element, 'Card number').value).to.equal('');
  });

  it('a disabled fieldset disables the fields and leaves the element out of the form', async () => {
    const { form, element } = await checkout();
    await fill(element, VISA);
    await element.store();
    const fieldset = form.querySelector('fieldset') as HTMLFieldSetElement;
    fieldset.disabled = true;
    await within(
      (async () => {
        while (!element.matches(':disabled')) await aTimeout(10);
      })(),
      1000,
      ':disabled',
    );
    expect(new FormData(form).has('payment')).to.equal(false);
    expect(element.willValidate).to.equal(false);
    element.reset();
    await element.updateComplete;
    await aTimeout(0);
    await element.updateComplete;
    expect((part(element, 'fields') as HTMLFieldSetElement).disabled).to.equal(true);
    fieldset.disabled = false;
    await aTimeout(0);
    await element.updateComplete;
    expect((part(element, 'fields') as HTMLFieldSetElement).disabled).to.equal(false);
  });

  it('without a name it submits nothing, like a native control', async () => {
    const { form, element } = await checkout();
    element.removeAttribute('name');
    await fill(element, VISA);
    await element.store();
    await element.updateComplete;
    expect([...new FormData(form).keys()]).to.deep.equal([]);
  });
});
