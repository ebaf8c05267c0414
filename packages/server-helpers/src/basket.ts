/**
 * The basket's wire form (qenta-protocol §2.5, §3.3): `basketItems` and, per line i,
 * `basketItem{i}ArticleNumber` … `basketItem{i}UnitTaxRate`, always in the canonical case the
 * example shop uses (§11.1).
 */
import type { z } from 'zod';
import { type basketItemSchema, formatAmount } from './schemas.ts';

/** One basket line as the caller gives it. */
export type BasketItem = z.input<typeof basketItemSchema>;

/**
 * The wire fields of a validated basket. Amounts are written as given (numbers as their shortest
 * decimal), so the gateway can check that lines and total add up.
 *
 * @example
 * ```ts
 * basketFields([{ articleNumber: 'A1', quantity: 2, unitGrossAmount: '12.00', unitNetAmount: '10.00',
 *   unitTaxAmount: '2.00', unitTaxRate: 20 }], 'EUR');
 * // { basketItems: '1', basketItem1ArticleNumber: 'A1', basketItem1Quantity: '2', … }
 * ```
 */
export function basketFields(
  basket: readonly BasketItem[] | undefined,
  currency: string,
): Record<string, string | undefined> {
  if (basket === undefined) return {};
  const fields: Record<string, string | undefined> = { basketItems: String(basket.length) };
  basket.forEach((item, index) => {
    const prefix = `basketItem${index + 1}`;
    fields[`${prefix}ArticleNumber`] = item.articleNumber;
    fields[`${prefix}Quantity`] = String(item.quantity);
    fields[`${prefix}Description`] = item.description;
    fields[`${prefix}Name`] = item.name;
    fields[`${prefix}ImageUrl`] = item.imageUrl;
    fields[`${prefix}UnitGrossAmount`] = wireAmount(item.unitGrossAmount, currency);
    fields[`${prefix}UnitNetAmount`] = wireAmount(item.unitNetAmount, currency);
    fields[`${prefix}UnitTaxAmount`] = wireAmount(item.unitTaxAmount, currency);
    fields[`${prefix}UnitTaxRate`] = String(item.unitTaxRate);
  });
  return fields;
}

/**
 * The wire form of an amount that already passed validation.
 *
 * @example
 * ```ts
 * wireAmount(12.5, 'EUR'); // '12.5'
 * ```
 */
export function wireAmount(amount: number | string, currency: string): string {
  const result = formatAmount(amount, currency, { allowZero: true });
  // Validation ran before; a failure here is a bug, not bad input.
  if (!result.ok) throw new TypeError(`amount was not validated: ${result.message}`);
  return result.value;
}
