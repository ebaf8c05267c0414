/**
 * Money in the demo shop: whole cents internally (no float rounding), the gateway's decimal
 * string on the wire (qenta-protocol §3.3: `.` separator, two decimals for EUR).
 */

/**
 * Formats cents as the gateway's amount string.
 *
 * @example
 * ```ts
 * toAmount(1250); // '12.50'
 * ```
 */
export function toAmount(cents: number): string {
  return (cents / 100).toFixed(2);
}

/**
 * Parses an amount string (`12.5`, `12,50`, `12`) into cents; undefined when it is not one.
 *
 * @example
 * ```ts
 * toCents('12,50'); // 1250
 * ```
 */
export function toCents(amount: string): number | undefined {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(amount.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/**
 * Formats cents for people (`€12.50`).
 *
 * @example
 * ```ts
 * formatPrice(1250, 'EUR'); // '€12.50'
 * ```
 */
export function formatPrice(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(cents / 100);
}
