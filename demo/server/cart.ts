/**
 * Prices a cart on the server from product ids and quantities (the browser's numbers are never
 * trusted), with the review page's discount code and shipping.
 */
import {
  DISCOUNT_CODES,
  FREE_SHIPPING_FROM,
  findProduct,
  type Product,
  SHIPPING_CENTS,
} from './catalogue.ts';

/** What the browser sends: product id → quantity. */
export type CartItems = Record<string, number>;

/** One priced line of a cart. */
export interface CartLine {
  product: Product;
  quantity: number;
  lineCents: number;
}

/** A cart with every amount the pages show and the gateway is sent. */
export interface PricedCart {
  lines: CartLine[];
  subtotalCents: number;
  discountCode: string | undefined;
  discountCents: number;
  shippingCents: number;
  totalCents: number;
}

/** Largest quantity of one product per order (keeps amounts well inside the gateway's limits). */
export const MAX_QUANTITY = 20;

/**
 * Keeps known products with whole quantities from 1 to {@link MAX_QUANTITY}.
 *
 * @example
 * ```ts
 * cleanCart({ mug: 2, nonsense: 3, 'hand-grinder': -1 }); // { mug: 2 }
 * ```
 */
export function cleanCart(input: unknown): CartItems {
  const items: CartItems = {};
  if (typeof input !== 'object' || input === null) return items;
  for (const [id, quantity] of Object.entries(input)) {
    if (!findProduct(id) || typeof quantity !== 'number' || !Number.isInteger(quantity)) continue;
    if (quantity < 1) continue;
    items[id] = Math.min(quantity, MAX_QUANTITY);
  }
  return items;
}

/**
 * Prices a cart; an unknown discount code is ignored (the caller tells the person).
 *
 * @example
 * ```ts
 * priceCart({ mug: 1 }, 'WELCOME10').totalCents; // 1800 - 180 + 490
 * ```
 */
export function priceCart(items: CartItems, discountCode?: string): PricedCart {
  const lines: CartLine[] = [];
  for (const [id, quantity] of Object.entries(cleanCart(items))) {
    const product = findProduct(id);
    if (product) lines.push({ product, quantity, lineCents: product.priceCents * quantity });
  }
  const subtotalCents = lines.reduce((sum, line) => sum + line.lineCents, 0);
  const code = discountCode?.trim().toUpperCase();
  const percent = code ? DISCOUNT_CODES[code] : undefined;
  const discountCents = percent ? Math.round((subtotalCents * percent) / 100) : 0;
  const afterDiscount = subtotalCents - discountCents;
  const shippingCents =
    lines.length === 0 || afterDiscount >= FREE_SHIPPING_FROM ? 0 : SHIPPING_CENTS;
  return {
    lines,
    subtotalCents,
    discountCode: percent ? code : undefined,
    discountCents,
    shippingCents,
    totalCents: afterDiscount + shippingCents,
  };
}
