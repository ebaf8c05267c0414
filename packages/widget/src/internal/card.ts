/**
 * Client-side card checks run before any call to the gateway (issue 4): Luhn, brand detection,
 * spacing while typing, expiry and CVC length per brand. Pure functions, no DOM.
 */

/** A brand the element recognises and draws an icon for. */
export type CardBrand = 'visa' | 'mastercard' | 'maestro' | 'amex' | 'diners' | 'discover' | 'jcb';

/** Brand, prefix of the digits typed so far, valid lengths. */
type BrandRule = readonly [brand: CardBrand, prefix: RegExp, lengths: RegExp];

// Order matters: Maestro's 50/56-69 range comes after Mastercard and Discover.
const RULES: readonly BrandRule[] = [
  ['amex', /^3[47]/, /^15$/],
  ['diners', /^3(?:0[0-5]|[689])/, /^1[46]$/],
  ['jcb', /^35(?:2[89]|[3-8])/, /^1[6-9]$/],
  ['visa', /^4/, /^1[369]$/],
  ['mastercard', /^(?:5[1-5]|2(?:2[2-9]|[3-6]|7[01]|720))/, /^16$/],
  ['discover', /^(?:6011|64[4-9]|65)/, /^1[69]$/],
  ['maestro', /^(?:5[06-9]|6\d)/, /^1[2-9]$/],
];

/**
 * The gateway's demo PANs (qenta-protocol §8): they fail Luhn, and the element accepts them only
 * with `test-mode`. Their brand follows the demo prefix rule (94 Visa, 95 Mastercard, 96 Maestro).
 */
export const DEMO_PANS: readonly string[] = [
  '9400000000000004',
  '9500000000000001',
  '9500000000000002',
  '9600000000000005',
];

/**
 * Keeps the digits of a string.
 *
 * @example
 * ```ts
 * digitsOf('4111 1111-1111 1111'); // '4111111111111111'
 * ```
 */
export function digitsOf(value: string): string {
  return value.replace(/\D+/g, '');
}

/**
 * True when the digits pass the Luhn (mod 10) check.
 *
 * @example
 * ```ts
 * luhnValid('4111111111111111'); // true
 * ```
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * The brand of a (possibly partial) card number, or undefined.
 *
 * @example
 * ```ts
 * detectBrand('37'); // 'amex'
 * ```
 */
export function detectBrand(
  pan: string,
  options: { testMode?: boolean | undefined } = {},
): CardBrand | undefined {
  const digits = digitsOf(pan);
  if (options.testMode && digits.startsWith('9')) {
    return ({ '94': 'visa', '95': 'mastercard', '96': 'maestro' } as const)[digits.slice(0, 2)];
  }
  return RULES.find((rule) => rule[1].test(digits))?.[0];
}

/**
 * Groups the digits for display while typing (Amex 4-6-5, others in fours).
 *
 * @example
 * ```ts
 * formatPan('378282246310005'); // '3782 822463 10005'
 * ```
 */
export function formatPan(pan: string): string {
  const digits = digitsOf(pan).slice(0, 19);
  // Amex and Diners print 4-6-rest; every other brand in fours.
  const wide = /^(amex|diners)$/.test(detectBrand(digits) ?? '');
  return (
    wide ? digits.replace(/^(\d{4})(\d{1,6})/, '$1 $2 ') : digits.replace(/(\d{4})/g, '$1 ')
  ).trim();
}

/**
 * The CVC length the brand uses (4 for Amex, else 3).
 *
 * @example
 * ```ts
 * cvcLength('amex'); // 4
 * ```
 */
export function cvcLength(brand: CardBrand | undefined): number {
  return brand === 'amex' ? 4 : 3;
}

/** Why a card number is not acceptable. */
export type PanProblem = 'missing' | 'length' | 'luhn';

/**
 * Checks a card number: length 12-19 (per brand where known) and Luhn; the demo PANs pass only in
 * test mode.
 *
 * @example
 * ```ts
 * panProblem('4111111111111112'); // 'luhn'
 * ```
 */
export function panProblem(
  pan: string,
  options: { testMode?: boolean | undefined } = {},
): PanProblem | undefined {
  const digits = digitsOf(pan);
  if (digits === '') return 'missing';
  if (options.testMode && DEMO_PANS.includes(digits)) return undefined;
  const brand = detectBrand(digits);
  const rule = RULES.find((candidate) => candidate[0] === brand);
  if (!(rule?.[2] ?? /^1[2-9]$/).test(String(digits.length))) return 'length';
  return luhnValid(digits) ? undefined : 'luhn';
}

/**
 * Checks month and year (2 or 4 digits): a real month, not before the current month.
 *
 * @example
 * ```ts
 * expiryProblem('12', '2000', new Date()); // 'past'
 * ```
 */
export function expiryProblem(
  month: string,
  year: string,
  now: Date,
): 'missing' | 'format' | 'past' | undefined {
  if (month.trim() === '' || year.trim() === '') return 'missing';
  if (!/^\d{1,2}$/.test(month.trim()) || !/^(\d{2}|\d{4})$/.test(year.trim())) return 'format';
  const m = Number(month);
  if (m < 1 || m > 12) return 'format';
  const y = fullYear(year);
  const current = now.getFullYear() * 12 + now.getMonth();
  return y * 12 + (m - 1) < current ? 'past' : undefined;
}

/**
 * A 2- or 4-digit year as four digits (`31` → `2031`).
 *
 * @example
 * ```ts
 * fullYear('31'); // 2031
 * ```
 */
export function fullYear(year: string): number {
  const y = Number(year.trim());
  return y < 100 ? 2000 + y : y;
}

/**
 * Checks a CVC against the brand's length (any of 3-4 digits when the brand is unknown).
 *
 * @example
 * ```ts
 * cvcProblem('123', 'amex'); // 'length'
 * ```
 */
export function cvcProblem(
  cvc: string,
  brand: CardBrand | undefined,
): 'missing' | 'length' | undefined {
  const value = cvc.trim();
  if (value === '') return 'missing';
  if (!/^\d+$/.test(value)) return 'length';
  const ok = brand ? value.length === cvcLength(brand) : value.length === 3 || value.length === 4;
  return ok ? undefined : 'length';
}
