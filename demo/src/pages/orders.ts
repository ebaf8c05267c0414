/**
 * The orders page: every order with its stored confirmations and backend operations, and the
 * deposit and refund buttons (qenta-protocol §2.5).
 */
import { ApiError, api, h, price, renderChrome, showAlert, when } from '../shop.ts';

interface Confirmation {
  id: number;
  receivedAt: string;
  timesReceived: number;
  paymentState: string;
  verified: boolean;
  rejectedReason?: string;
  fields: Record<string, string>;
  clipped?: boolean;
  bodyBytes?: number;
}

/** Characters of one confirmation's fields shown, whatever an older database row holds. */
const SHOWN_FIELDS = 4096;

function fieldsText(confirmation: Confirmation): { text: string; clipped: boolean } {
  const text = Object.entries(confirmation.fields)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
  if (text.length <= SHOWN_FIELDS) return { text, clipped: Boolean(confirmation.clipped) };
  return { text: `${text.slice(0, SHOWN_FIELDS)}…`, clipped: true };
}

interface Operation {
  at: string;
  operation: 'deposit' | 'refund';
  amountCents: number;
  ok: boolean;
  detail: string;
}

interface Order {
  id: string;
  createdAt: string;
  status: string;
  paymentType: string;
  amountCents: number;
  currency: string;
  gatewayOrderNumber?: string;
  depositedCents: number;
  refundedCents: number;
  lines: { name: string; quantity: number }[];
  confirmations: Confirmation[];
  operations: Operation[];
  actions: { deposit: number; refund: number };
  refundState: 'none' | 'partial' | 'full';
}

const METHOD_LABELS: Record<string, string> = {
  CCARD: 'Card',
  'SEPA-DD': 'SEPA direct debit',
  PAYPAL: 'PayPal',
  SOFORTUEBERWEISUNG: 'Sofort',
};

function size(bytes: number | undefined): string {
  if (bytes === undefined || bytes === 0) return 'more';
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;
}

function confirmationItem(confirmation: Confirmation) {
  const shown = fieldsText(confirmation);
  const trust = confirmation.rejectedReason
    ? h('span', { class: 'badge rejected' }, `Rejected: ${confirmation.rejectedReason}`)
    : confirmation.verified
      ? h('span', { class: 'badge verified' }, 'Fingerprint verified')
      : h(
          'span',
          {
            class: 'badge unsigned',
            title:
              'CANCEL and FAILURE carry no fingerprint: the shop stores them, and may close an unpaid order, but they never change a payment.',
          },
          'Not signed — cannot move money',
        );
  return h(
    'li',
    {},
    h('strong', {}, confirmation.paymentState),
    trust,
    h('span', { class: 'note' }, when(confirmation.receivedAt)),
    confirmation.timesReceived > 1 &&
      h('span', { class: 'note' }, `received ${confirmation.timesReceived} times`),
    h(
      'details',
      {},
      h(
        'summary',
        {},
        shown.clipped
          ? `Fields (clipped: ${size(confirmation.bodyBytes)} received; unsigned fields are kept up to 4 KiB)`
          : 'Fields',
      ),
      h('pre', {}, shown.text),
    ),
  );
}

async function act(order: Order, operation: 'deposit' | 'refund', button: HTMLButtonElement) {
  button.disabled = true;
  try {
    await api(`/api/orders/${encodeURIComponent(order.id)}/${operation}`, {
      method: 'POST',
      body: {},
    });
    showAlert(
      '#message',
      `${operation === 'deposit' ? 'Deposited' : 'Refunded'} ${price(order.actions[operation], order.currency)} for ${order.id}.`,
      'ok',
    );
  } catch (error) {
    showAlert('#message', error instanceof ApiError ? error.message : String(error));
  }
  await load();
}

/** The order's badge: its status, or how far a paid order was refunded. */
function statusBadge(order: Order) {
  if (order.status === 'paid' && order.refundState === 'full') {
    return h('span', { class: 'badge refunded' }, 'Refunded');
  }
  if (order.status === 'paid' && order.refundState === 'partial') {
    return h('span', { class: 'badge partly-refunded' }, 'Partly refunded');
  }
  return h('span', { class: `badge ${order.status}` }, order.status);
}

/** "Paid €87.00 · refunded €20.00" beside the badge of a refunded order. */
function refundNote(order: Order) {
  if (order.status !== 'paid' || order.refundState === 'none') return undefined;
  return h(
    'span',
    { class: 'note refund-amounts' },
    `Paid ${price(order.amountCents, order.currency)} · refunded ${price(order.refundedCents, order.currency)}`,
  );
}

function orderCard(order: Order) {
  const depositButton = h(
    'button',
    { class: 'button small', type: 'button', title: 'Capture the approved amount' },
    `Deposit ${price(order.actions.deposit, order.currency)}`,
  ) as HTMLButtonElement;
  depositButton.addEventListener('click', () => act(order, 'deposit', depositButton));
  const refundButton = h(
    'button',
    {
      class: 'button secondary small',
      type: 'button',
      title: 'Pay the captured amount back to the shopper',
    },
    `Refund ${price(order.actions.refund, order.currency)}`,
  ) as HTMLButtonElement;
  refundButton.addEventListener('click', () => act(order, 'refund', refundButton));
  return h(
    'article',
    { class: 'panel order-card', 'data-order': order.id },
    h(
      'header',
      {},
      h('h2', {}, order.id),
      h('span', { class: 'status' }, statusBadge(order), refundNote(order)),
    ),
    h(
      'dl',
      { class: 'kv', style: 'margin-top: 0.5rem' },
      h('dt', {}, 'Placed'),
      h('dd', {}, when(order.createdAt)),
      h('dt', {}, 'Items'),
      h('dd', {}, order.lines.map((line) => `${line.quantity} × ${line.name}`).join(', ')),
      h('dt', {}, 'Amount'),
      h(
        'dd',
        {},
        `${price(order.amountCents, order.currency)} · ${METHOD_LABELS[order.paymentType] ?? order.paymentType}`,
      ),
      h('dt', {}, 'Gateway order'),
      h('dd', {}, order.gatewayOrderNumber ?? '—'),
      h('dt', {}, 'Deposited'),
      h('dd', {}, price(order.depositedCents, order.currency)),
      h('dt', {}, 'Refunded'),
      h('dd', {}, price(order.refundedCents, order.currency)),
    ),
    h(
      'h3',
      { class: 'note', style: 'margin: 0.75rem 0 0' },
      `Confirmations (${order.confirmations.length})`,
    ),
    order.confirmations.length > 0
      ? h('ul', { class: 'confirmations' }, ...order.confirmations.map(confirmationItem))
      : h('p', { class: 'note', style: 'margin: 0' }, 'None received yet.'),
    order.operations.length > 0 &&
      h(
        'ul',
        { class: 'confirmations' },
        ...order.operations.map((operation) =>
          h(
            'li',
            {},
            h('strong', {}, operation.operation),
            price(operation.amountCents, order.currency),
            h(
              'span',
              { class: `badge ${operation.ok ? 'verified' : 'rejected'}` },
              operation.ok ? 'OK' : 'Failed',
            ),
            h('span', { class: 'note' }, `${when(operation.at)} · ${operation.detail}`),
          ),
        ),
      ),
    (order.actions.deposit > 0 || order.actions.refund > 0) &&
      h(
        'div',
        { class: 'actions' },
        order.actions.deposit > 0 && depositButton,
        order.actions.refund > 0 && refundButton,
      ),
  );
}

async function load() {
  const container = document.getElementById('orders')!;
  try {
    const { orders, unmatched } = await api<{ orders: Order[]; unmatched: Confirmation[] }>(
      '/api/orders',
    );
    const children: Node[] = [];
    if (orders.length === 0) {
      children.push(
        h(
          'div',
          { class: 'panel' },
          h('p', {}, 'No orders yet. '),
          h('a', { href: '/' }, 'Go shopping'),
        ),
      );
    }
    children.push(...orders.map(orderCard));
    if (unmatched.length > 0) {
      children.push(
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'unmatched-title' },
          h(
            'h2',
            { id: 'unmatched-title', style: 'margin-top: 0' },
            'Confirmations that matched no order',
          ),
          h(
            'p',
            { class: 'note' },
            'Stored as received and answered NOK, e.g. a tampered fingerprint.',
          ),
          h('ul', { class: 'confirmations' }, ...unmatched.map(confirmationItem)),
        ),
      );
    }
    container.replaceChildren(...children);
  } catch (error) {
    showAlert('#message', error instanceof ApiError ? error.message : String(error));
  }
}

void renderChrome();
void load();
