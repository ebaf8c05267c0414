/**
 * Amounts and currencies as the gateway accepts them (qenta-protocol §3.3, §10): a decimal with
 * `.` or `,` as separator, no thousands separator, at most the currency's minor digits; the
 * currency as ISO 4217 alpha-3 (any case) or numeric-3.
 */

/** Minor digits per currency; 2 unless listed (§10: EUR/USD 2, JPY 0, LYD 3). */
const MINOR_DIGITS: Readonly<Record<string, number>> = { JPY: 0, LYD: 3, BHD: 3, KWD: 3 };

/** ISO 4217 numeric codes of the currencies the docs and pretix's lists mention (§10). */
const NUMERIC_CODES: Readonly<Record<string, string>> = {
  '036': 'AUD',
  '124': 'CAD',
  '203': 'CZK',
  '208': 'DKK',
  '348': 'HUF',
  '392': 'JPY',
  '434': 'LYD',
  '554': 'NZD',
  '578': 'NOK',
  '643': 'RUB',
  '752': 'SEK',
  '756': 'CHF',
  '826': 'GBP',
  '840': 'USD',
  '975': 'BGN',
  '978': 'EUR',
  '985': 'PLN',
};

/**
 * The alpha-3 code for a currency as sent (`eur`, `EUR`, `978`), or undefined when it is not a
 * currency code at all.
 *
 * @example
 * ```ts
 * normalizeCurrency('978'); // 'EUR'
 * normalizeCurrency('eur'); // 'EUR'
 * ```
 */
export function normalizeCurrency(value: string): string | undefined {
  if (/^[A-Za-z]{3}$/.test(value)) return value.toUpperCase();
  if (/^\d{3}$/.test(value)) return NUMERIC_CODES[value];
  return undefined;
}

/**
 * Minor digits of a currency.
 *
 * @example
 * ```ts
 * minorDigits('JPY'); // 0
 * ```
 */
export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/**
 * Parses an amount into minor units, or undefined when its format or number of decimals is not
 * allowed for the currency.
 *
 * @example
 * ```ts
 * parseAmount('1,2', 'EUR'); // 120
 * parseAmount('1.234', 'EUR'); // undefined
 * ```
 */
export function parseAmount(value: string, currency: string): number | undefined {
  const match = /^(\d{1,12})(?:[.,](\d+))?$/.exec(value);
  if (!match) return undefined;
  const digits = minorDigits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : undefined;
}

/**
 * Formats minor units with `.` and the currency's digits (how the emulator writes amounts in
 * backend answers).
 *
 * @example
 * ```ts
 * formatAmount(120, 'EUR'); // '1.20'
 * ```
 */
export function formatAmount(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
