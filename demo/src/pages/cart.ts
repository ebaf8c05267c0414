/** The cart page: quantities, totals and the way to checkout. */
import {
  ApiError,
  api,
  type Cart,
  h,
  price,
  renderChrome,
  showAlert,
  totals,
  updateCartCount,
} from '../shop.ts';

async function save(items: Record<string, number>) {
  try {
    const cart = await api<Cart>('/api/cart', { method: 'PUT', body: { items } });
    updateCartCount(cart);
    render(cart);
  } catch (error) {
    showAlert('#message', error instanceof ApiError ? error.message : String(error));
  }
}

function itemsOf(cart: Cart) {
  return Object.fromEntries(cart.lines.map((line) => [line.productId, line.quantity]));
}

function render(cart: Cart) {
  const container = document.getElementById('cart')!;
  if (cart.lines.length === 0) {
    container.replaceChildren(
      h(
        'div',
        { class: 'panel' },
        h('p', {}, 'Your cart is empty.'),
        h('a', { class: 'button', href: '/' }, 'Browse the coffee'),
      ),
    );
    return;
  }
  const lines = cart.lines.map((line) => {
    const input = h('input', {
      type: 'number',
      min: 1,
      max: 20,
      value: line.quantity,
      id: `qty-${line.productId}`,
      class: 'qty-input',
    }) as HTMLInputElement;
    input.addEventListener('change', () => {
      const quantity = Math.max(1, Math.min(20, Math.round(Number(input.value) || 1)));
      void save({ ...itemsOf(cart), [line.productId]: quantity });
    });
    const remove = h(
      'button',
      { class: 'button secondary small', type: 'button', 'aria-label': `Remove ${line.name}` },
      'Remove',
    );
    remove.addEventListener('click', () => {
      const items = itemsOf(cart);
      delete items[line.productId];
      void save(items);
    });
    return h(
      'li',
      {},
      h(
        'span',
        { class: 'name' },
        h('strong', {}, line.name),
        h('br'),
        price(line.unitCents),
        ' each',
      ),
      h(
        'span',
        { class: 'qty' },
        h('label', { for: `qty-${line.productId}` }, 'Qty'),
        input,
        remove,
      ),
      h('span', { class: 'price' }, price(line.lineCents)),
    );
  });
  container.replaceChildren(
    h(
      'div',
      { class: 'two-col' },
      h(
        'section',
        { class: 'panel', 'aria-label': 'Items' },
        h('ul', { class: 'lines' }, ...lines),
      ),
      h(
        'aside',
        { class: 'panel', 'aria-label': 'Totals' },
        totals(cart),
        h(
          'a',
          { class: 'button wide', href: '/checkout.html', style: 'margin-top: 1rem' },
          'Checkout',
        ),
        h('p', { class: 'note' }, 'Card, SEPA direct debit, PayPal or Sofort.'),
      ),
    ),
  );
}

async function main() {
  void renderChrome();
  try {
    render(await api<Cart>('/api/cart'));
  } catch (error) {
    showAlert('#message', error instanceof ApiError ? error.message : String(error));
  }
}

void main();
