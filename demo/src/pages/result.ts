/**
 * The result page for success, cancel, failure and pending. It shows the order's state as the
 * shop's database holds it (the confirmations decide, not the URL); while no final state is
 * stored it polls, so a PENDING order turns into "paid" by itself when the later confirmation
 * arrives.
 */
import { ApiError, api, h, price, renderChrome } from '../shop.ts';

interface Confirmation {
  paymentState: string;
  verified: boolean;
  rejectedReason?: string;
  fields: Record<string, string>;
}

interface Order {
  id: string;
  status: 'open' | 'pending' | 'paid' | 'cancelled' | 'failed';
  paymentType: string;
  amountCents: number;
  currency: string;
  anonymised: Record<string, string>;
  lines: { name: string; quantity: number; unitCents: number }[];
  confirmations: Confirmation[];
  refundedCents: number;
  refundState: 'none' | 'partial' | 'full';
}

const POLL_MS = 1000;
const POLL_LIMIT_MS = 15 * 60 * 1000;

/** Gateway messages may hold HTML entities (qenta-protocol §11.15); decode them as text. */
function decodeEntities(text: string): string {
  return new DOMParser().parseFromString(`<p>${text}</p>`, 'text/html').body.textContent ?? text;
}

function failureMessage(order: Order): string | undefined {
  const failure = [...order.confirmations].reverse().find((c) => c.paymentState === 'FAILURE');
  const message = failure?.fields['error.1.consumerMessage'];
  return message ? decodeEntities(message) : undefined;
}

function summary(order: Order) {
  const method = order.anonymised.maskedPan
    ? `${order.anonymised.brand ?? 'Card'} ${order.anonymised.maskedPan}`
    : order.anonymised.bankAccountIban
      ? `SEPA direct debit ${order.anonymised.bankAccountIban}`
      : order.paymentType === 'PAYPAL'
        ? 'PayPal'
        : order.paymentType === 'SOFORTUEBERWEISUNG'
          ? 'Sofort'
          : order.paymentType;
  return h(
    'dl',
    { class: 'kv panel', style: 'margin-top: 1.5rem' },
    h('dt', {}, 'Order'),
    h('dd', {}, order.id),
    h('dt', {}, 'Items'),
    h('dd', {}, order.lines.map((line) => `${line.quantity} × ${line.name}`).join(', ')),
    h('dt', {}, order.refundState === 'none' ? 'Amount' : 'Paid'),
    h('dd', {}, price(order.amountCents, order.currency)),
    order.refundState !== 'none' && h('dt', {}, 'Refunded'),
    order.refundState !== 'none' && h('dd', {}, price(order.refundedCents, order.currency)),
    h('dt', {}, 'Payment'),
    h('dd', {}, method),
  );
}

/** The paid view's top: thanks, or what was paid back once the shop refunded. */
function paidHeading(order: Order): Node[] {
  if (order.refundState === 'full') {
    return [
      h('div', { class: 'icon ok', 'aria-hidden': 'true' }, '↩'),
      h('h1', {}, 'This order was refunded.'),
      h(
        'p',
        { class: 'lead' },
        `We paid the full ${price(order.refundedCents, order.currency)} back to you.`,
      ),
      h('p', { class: 'badge refunded' }, 'Refunded'),
    ];
  }
  const partly = order.refundState === 'partial';
  return [
    h('div', { class: 'icon ok', 'aria-hidden': 'true' }, '✓'),
    h('h1', {}, 'Thank you! Your payment was received.'),
    h(
      'p',
      { class: 'lead' },
      partly
        ? `We paid ${price(order.refundedCents, order.currency)} of it back to you.`
        : 'We are roasting your coffee and will ship it within two days.',
    ),
    partly
      ? h('p', { class: 'badge partly-refunded' }, 'Partly refunded')
      : h('p', { class: 'badge paid' }, 'Paid'),
  ];
}

async function retry(order: Order) {
  await api(`/api/orders/${encodeURIComponent(order.id)}/retry`, { method: 'POST', body: {} });
  location.assign('/checkout.html');
}

function render(order: Order, returned: string | null, gaveUp: boolean) {
  const container = document.getElementById('result')!;
  const retryButton = () =>
    h('button', { class: 'button', type: 'button', onclick: () => void retry(order) }, 'Try again');
  const views: Record<Order['status'], () => Node[]> = {
    paid: () => [
      ...paidHeading(order),
      summary(order),
      h(
        'div',
        { class: 'actions' },
        h('a', { class: 'button', href: '/' }, 'Continue shopping'),
        h('a', { class: 'button secondary', href: '/orders.html' }, 'See all orders'),
      ),
    ],
    pending: () => [
      h('div', { class: 'icon warn', 'aria-hidden': 'true' }, '…'),
      h('h1', {}, 'Your payment is being processed.'),
      h(
        'p',
        { class: 'lead' },
        'The payment provider has not confirmed it yet. This page updates by itself as soon as it does; you may also close it.',
      ),
      h('p', { class: 'badge pending' }, 'Pending'),
      summary(order),
    ],
    open: () => [
      h('div', { class: 'icon warn', 'aria-hidden': 'true' }, '…'),
      h('h1', {}, 'Waiting for the payment confirmation…'),
      h(
        'p',
        { class: 'lead' },
        returned === 'cancel' || returned === 'failure'
          ? 'You came back from the payment page. We are checking what happened.'
          : 'The payment service has not told us the result yet. This usually takes a few seconds.',
      ),
      summary(order),
    ],
    cancelled: () => [
      h('div', { class: 'icon bad', 'aria-hidden': 'true' }, '×'),
      h('h1', {}, 'You cancelled the payment.'),
      h('p', { class: 'lead' }, 'Nothing was charged. Your items are waiting for you.'),
      h('p', { class: 'badge cancelled' }, 'Cancelled'),
      summary(order),
      h(
        'div',
        { class: 'actions' },
        retryButton(),
        h('a', { class: 'button secondary', href: '/' }, 'Back to the shop'),
      ),
    ],
    failed: () => [
      h('div', { class: 'icon bad', 'aria-hidden': 'true' }, '!'),
      h('h1', {}, 'The payment did not go through.'),
      h(
        'p',
        { class: 'lead' },
        failureMessage(order) ?? 'The payment was declined. Nothing was charged.',
      ),
      h('p', { class: 'note' }, 'You can try again with another card or payment method.'),
      h('p', { class: 'badge failed' }, 'Failed'),
      summary(order),
      h(
        'div',
        { class: 'actions' },
        retryButton(),
        h('a', { class: 'button secondary', href: '/' }, 'Back to the shop'),
      ),
    ],
  };
  container.replaceChildren(...views[order.status]());
  if (gaveUp) {
    container.append(
      h(
        'p',
        { class: 'alert warn' },
        'Still no answer from the payment service. Please reload this page later.',
      ),
    );
  }
  container.dataset.status = order.status;
  container.dataset.refund = order.refundState;
  container.setAttribute('aria-busy', String(order.status === 'open'));
}

async function main() {
  void renderChrome();
  const params = new URLSearchParams(location.search);
  const id = params.get('order') ?? '';
  const returned = params.get('return');
  const container = document.getElementById('result')!;
  const started = Date.now();
  for (;;) {
    try {
      const order = await api<Order>(`/api/orders/${encodeURIComponent(id)}`);
      const waiting = order.status === 'open' || order.status === 'pending';
      const gaveUp = waiting && Date.now() - started > POLL_LIMIT_MS;
      render(order, returned, gaveUp);
      if (!waiting || gaveUp) return;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        container.replaceChildren(
          h('h1', {}, 'We could not find this order.'),
          h('p', {}, h('a', { href: '/orders.html' }, 'See all orders')),
        );
        return;
      }
      // The shop may be restarting: keep the last view and try again, for a while.
      if (Date.now() - started > POLL_LIMIT_MS) return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

void main();
