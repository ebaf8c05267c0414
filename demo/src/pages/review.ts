/**
 * The review step (the "intermediate steps" of the docs): the basket, the anonymised payment
 * data the gateway holds, a discount code, and "Pay now", which places the order and goes to
 * the gateway's payment page.
 */
import { ApiError, api, type Cart, h, price, renderChrome, showAlert, totals } from '../shop.ts';

interface Checkout {
  cart: Cart;
  payment?: {
    paymentType: string;
    label: string;
    mode: string;
    anonymised: Record<string, string>;
  };
}

const FIELD_LABELS: Record<string, string> = {
  brand: 'Card',
  maskedPan: 'Number',
  expiry: 'Expires',
  cardholdername: 'Cardholder',
  accountOwner: 'Account holder',
  bankAccountIban: 'IBAN',
  bankBic: 'BIC',
};

function render(checkout: Checkout) {
  document
    .getElementById('items')!
    .replaceChildren(
      ...checkout.cart.lines.map((line) =>
        h(
          'li',
          {},
          h('span', { class: 'name' }, `${line.quantity} × ${line.name}`),
          h('span', { class: 'price' }, price(line.lineCents)),
        ),
      ),
    );
  const payment = checkout.payment!;
  const rows = Object.entries(FIELD_LABELS).filter(([key]) => payment.anonymised[key]);
  document
    .getElementById('payment')!
    .replaceChildren(
      h(
        'div',
        {},
        h('p', { style: 'margin-top: 0' }, h('strong', {}, payment.label)),
        rows.length > 0 &&
          h(
            'dl',
            { class: 'kv', 'aria-label': 'Payment details' },
            ...rows.flatMap(([key, label]) => [
              h('dt', {}, label),
              h('dd', {}, payment.anonymised[key]!),
            ]),
          ),
        rows.length === 0 &&
          h('p', { class: 'note' }, `You approve the payment on the ${payment.label} page.`),
      ),
    );
  document.getElementById('totals')!.replaceChildren(totals(checkout.cart));
  const pay = document.getElementById('pay') as HTMLButtonElement;
  pay.textContent = `Pay ${price(checkout.cart.totalCents)}`;
  // Disabled in the HTML until the basket is here: nobody pays for what they have not seen.
  pay.disabled = false;
  const code = document.getElementById('discount-code') as HTMLInputElement;
  if (checkout.cart.discountCode) code.value = checkout.cart.discountCode;
}

async function main() {
  void renderChrome();
  let checkout: Checkout;
  try {
    checkout = await api<Checkout>('/api/checkout');
  } catch (error) {
    showAlert('#message', error instanceof ApiError ? error.message : String(error));
    return;
  }
  if (checkout.cart.lines.length === 0) return location.replace('/cart.html');
  if (!checkout.payment) return location.replace('/checkout.html');
  render(checkout);

  const discountForm = document.getElementById('discount-form') as HTMLFormElement;
  const discountMessage = document.getElementById('discount-message')!;
  discountForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = (document.getElementById('discount-code') as HTMLInputElement).value;
    try {
      checkout = await api<Checkout>('/api/checkout/discount', { method: 'POST', body: { code } });
      render(checkout);
      discountMessage.textContent = checkout.cart.discountCode
        ? `Code ${checkout.cart.discountCode} applied: you save ${price(checkout.cart.discountCents)}.`
        : 'No discount code applied.';
    } catch (error) {
      discountMessage.textContent = error instanceof ApiError ? error.message : String(error);
    }
  });

  const pay = document.getElementById('pay') as HTMLButtonElement;
  pay.addEventListener('click', async () => {
    pay.disabled = true;
    pay.textContent = 'Connecting to the payment page…';
    try {
      const { redirectUrl } = await api<{ redirectUrl: string }>('/api/checkout/start', {
        method: 'POST',
        body: {},
      });
      location.assign(redirectUrl);
    } catch (error) {
      pay.disabled = false;
      pay.textContent = `Pay ${price(checkout.cart.totalCents)}`;
      const message = error instanceof ApiError ? error.message : String(error);
      showAlert('#message', message);
      if (error instanceof ApiError && error.code === 'NO_DATA_STORAGE') {
        document
          .getElementById('message')!
          .append(' ', h('a', { href: '/checkout.html' }, 'Enter payment details'));
      }
    }
  });
}

void main();
