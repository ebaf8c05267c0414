/**
 * What every page of the demo shop shares: the API helper, the header and footer, price
 * formatting and a tiny element builder (text is always set as text, never parsed as HTML).
 */
import './styles.css';

/** An error answer of the shop backend. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;

  /**
   * @example
   * ```ts
   * throw new ApiError(404, 'ORDER_NOT_FOUND', 'There is no order with this number.');
   * ```
   */
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * Calls the shop backend and returns its JSON; throws {@link ApiError} with the backend's
 * message on an error answer.
 *
 * @example
 * ```ts
 * const cart = await api<Cart>('/api/cart');
 * ```
 */
export async function api<T>(path: string, options: { method?: string; body?: unknown } = {}) {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch {
    throw new ApiError(0, 'OFFLINE', 'The shop cannot be reached. Please check your connection.');
  }
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      String(data.error ?? 'ERROR'),
      String(data.message ?? 'Something went wrong. Please try again.'),
    );
  }
  return data as T;
}

type Child = Node | string | number | false | null | undefined;

/**
 * Builds an element. Attributes starting with `on` are listeners; strings become text nodes.
 *
 * @example
 * ```ts
 * h('button', { class: 'button', onclick: () => save() }, 'Save');
 * ```
 */
export function h(
  tag: string,
  attributes: Record<string, string | boolean | number | EventListener | undefined> = {},
  ...children: Child[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/**
 * Formats cents as euros for people.
 *
 * @example
 * ```ts
 * price(1250); // '€12.50'
 * ```
 */
export function price(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(cents / 100);
}

/**
 * Formats an ISO timestamp for people.
 *
 * @example
 * ```ts
 * when('2026-11-23T10:00:00.000Z'); // '23 Nov 2026, 10:00:00'
 * ```
 */
export function when(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(iso),
  );
}

/** The cart as the backend answers it. */
export interface Cart {
  lines: {
    productId: string;
    name: string;
    quantity: number;
    unitCents: number;
    lineCents: number;
  }[];
  subtotalCents: number;
  discountCode?: string;
  discountCents: number;
  shippingCents: number;
  totalCents: number;
}

/**
 * Renders the totals of a cart as a definition list.
 *
 * @example
 * ```ts
 * panel.append(totals(cart));
 * ```
 */
export function totals(cart: Cart): HTMLElement {
  return h(
    'dl',
    { class: 'totals' },
    h('dt', {}, 'Subtotal'),
    h('dd', {}, price(cart.subtotalCents)),
    cart.discountCents > 0 && h('dt', {}, `Discount (${cart.discountCode})`),
    cart.discountCents > 0 && h('dd', {}, `−${price(cart.discountCents)}`),
    h('dt', {}, 'Shipping'),
    h('dd', {}, cart.shippingCents === 0 ? 'Free' : price(cart.shippingCents)),
    h('dt', { class: 'total' }, 'Total (incl. VAT)'),
    h('dd', { class: 'total' }, price(cart.totalCents)),
  );
}

const NAV = [
  ['/', 'Shop'],
  ['/cart.html', 'Cart'],
  ['/orders.html', 'Orders'],
] as const;

/**
 * Fills the page's header and footer and shows the number of items in the cart.
 *
 * @example
 * ```ts
 * await renderChrome();
 * ```
 */
export async function renderChrome(): Promise<void> {
  const here = location.pathname === '/index.html' ? '/' : location.pathname;
  const header = document.querySelector('header.site-header');
  header?.replaceChildren(
    h(
      'div',
      { class: 'demo-banner' },
      'Demo shop: no real money moves. Use the test cards shown at checkout.',
    ),
    h(
      'div',
      { class: 'inner' },
      h('a', { class: 'logo', href: '/' }, 'Bean ', h('span', {}, '&'), ' Burr'),
      h(
        'nav',
        { class: 'site-nav', 'aria-label': 'Main' },
        h(
          'ul',
          {},
          ...NAV.map(([href, label]) =>
            h(
              'li',
              {},
              h(
                'a',
                { href, 'aria-current': here === href ? 'page' : undefined },
                label,
                href === '/cart.html' ? h('span', { id: 'cart-count' }) : undefined,
              ),
            ),
          ),
        ),
      ),
    ),
  );
  document
    .querySelector('footer.site-footer')
    ?.replaceChildren(
      h(
        'div',
        { class: 'inner' },
        'Bean & Burr coffee roasters, Graz · Payments by QMORE Checkout Seamless · ',
        h('a', { href: '/service.html' }, 'Help and contact'),
      ),
    );
  try {
    updateCartCount(await api<Cart>('/api/cart'));
  } catch {
    // The count is a nicety; the page itself reports a backend that is down.
  }
}

/**
 * Shows the number of items in the header's cart link.
 *
 * @example
 * ```ts
 * updateCartCount(cart);
 * ```
 */
export function updateCartCount(cart: Cart): void {
  const count = cart.lines.reduce((sum, line) => sum + line.quantity, 0);
  const badge = document.getElementById('cart-count');
  if (badge) badge.textContent = count > 0 ? ` (${count})` : '';
}

/**
 * Shows a message in an alert element (which is a live region in the page's HTML).
 *
 * @example
 * ```ts
 * showAlert('#message', 'Saved.', 'ok');
 * ```
 */
export function showAlert(
  selector: string,
  message: string,
  kind: 'error' | 'ok' | 'warn' = 'error',
) {
  const element = document.querySelector(selector);
  if (!element) return;
  element.className = `alert ${kind}`;
  element.textContent = message;
}
