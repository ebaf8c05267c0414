/**
 * The demo shop's products. Prices live on the server: the browser sends product ids and
 * quantities only, so a tampered page cannot change what is charged.
 */

/** One product of the catalogue. */
export interface Product {
  id: string;
  name: string;
  description: string;
  /** Gross price in cents, VAT included. */
  priceCents: number;
  /** VAT rate in percent (Austria: 10 % on food, 20 % on goods). */
  taxRate: number;
  /** Illustration of the product, a small SVG drawn for the demo (in `demo/public/products/`). */
  image: string;
}

/**
 * Everything the shop sells.
 *
 * @example
 * ```ts
 * PRODUCTS.map((product) => product.name);
 * ```
 */
export const PRODUCTS: readonly Product[] = [
  {
    id: 'espresso-blend',
    name: 'Espresso blend, 500 g',
    description: 'Dark roast, chocolate and hazelnut. Roasted in Graz every Monday.',
    priceCents: 1490,
    taxRate: 10,
    image: '/products/espresso-blend.svg',
  },
  {
    id: 'filter-ethiopia',
    name: 'Ethiopia Guji filter, 250 g',
    description: 'Light roast with notes of peach and jasmine.',
    priceCents: 1190,
    taxRate: 10,
    image: '/products/filter-ethiopia.svg',
  },
  {
    id: 'decaf-colombia',
    name: 'Colombia decaf, 250 g',
    description: 'Sugar-cane decaffeinated, caramel sweetness, no bitterness.',
    priceCents: 990,
    taxRate: 10,
    image: '/products/decaf-colombia.svg',
  },
  {
    id: 'hand-grinder',
    name: 'Hand grinder',
    description: 'Steel burrs, 40 grind settings, fits in a travel bag.',
    priceCents: 6900,
    taxRate: 20,
    image: '/products/hand-grinder.svg',
  },
  {
    id: 'pour-over-set',
    name: 'Pour-over set',
    description: 'Porcelain dripper, glass server and 100 paper filters.',
    priceCents: 3450,
    taxRate: 20,
    image: '/products/pour-over-set.svg',
  },
  {
    id: 'mug',
    name: 'Stoneware mug',
    description: 'Hand-glazed, 300 ml, dishwasher safe.',
    priceCents: 1800,
    taxRate: 20,
    image: '/products/mug.svg',
  },
];

/** Discount codes the review page accepts: code → percent off. */
export const DISCOUNT_CODES: Readonly<Record<string, number>> = { WELCOME10: 10 };

/** Flat shipping in cents; free from {@link FREE_SHIPPING_FROM} cents. */
export const SHIPPING_CENTS = 490;
/** Orders from this many cents ship free. */
export const FREE_SHIPPING_FROM = 5000;

/**
 * The product with this id, if any.
 *
 * @example
 * ```ts
 * findProduct('mug')?.priceCents; // 1800
 * ```
 */
export function findProduct(id: string): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}
