/**
 * Client-side card checks run before any call to the gateway (issue 4): Luhn, brand detection,
 * spacing while typing, expiry and CVC length per brand. Pure functions, no DOM.
 */

/** A brand the element recognises and draws an icon for. */
export type CardBrand = 'visa' | 'mastercard' | 'maestro' | 'amex' | 'diners' | 'discover' | 'jcb';

interface BrandRule {
  brand: CardBrand;
  /** Matches a prefix of the digits typed so far. */
  prefix: RegExp;
  /** Digit groups for display (`4 4 4 4` → `1234 5678 …`). */
  groups: readonly number[];
  lengths: readonly number[];
  cvc: number;
}

// Order matters: Maestro's 50/56-69 range overlaps nothing before it, Mastercard 2-series first.
const RULES: readonly BrandRule[] = [
  { brand: 'amex', prefix: /^3[47]/, groups: [4, 6, 5], lengths: [15], cvc: 4 },
  { brand: 'diners', prefix: /^3(?:0[0-5]|[689])/, groups: [4, 6, 4], lengths: [14, 16], cvc: 3 },
  {
    brand: 'jcb',
    prefix: /^35(?:2[89]|[3-8])/,
    groups: [4, 4, 4, 4],
    lengths: [16, 17, 18, 19],
    cvc: 3,
  },
  { brand: 'visa', prefix: /^4/, groups: [4, 4, 4, 4, 3], lengths: [13, 16, 19], cvc: 3 },
  {
    brand: 'mastercard',
    prefix: /^(?:5[1-5]|2(?:2[2-9]|[3-6]|7[01]|720))/,
    groups: [4, 4, 4, 4],
    lengths: [16],
    cvc: 3,
  },
  {
    brand: 'discover',
    prefix: /^(?:6011|64[4-9]|65)/,
    groups: [4, 4, 4, 4, 3],
    lengths: [16, 19],
    cvc: 3,
  },
  {
    brand: 'maestro',
    prefix: /^(?:5[06-9]|6[0-9])/,
    groups: [4, 4, 4, 4, 3],
    lengths: [12, 13, 14, 15, 16, 17, 18, 19],
    cvc: 3,
  },
];

/**
 * The gateway's demo PANs (qenta-protocol §8): they fail Luhn, and the element accepts them only
 * with `test-mode`. Their brand follows the demo prefix rule (94 Visa, 95 Mastercard, 96 Maestro).
 */
export const DEMO_PANS: Readonly<Record<string, CardBrand>> = {
  '9400000000000004': 'visa',
  '9500000000000001': 'mastercard',
  '9500000000000002': 'mastercard',
  '9600000000000005': 'maestro',
};

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
  return RULES.find((rule) => rule.prefix.test(digits))?.brand;
}

function ruleOf(brand: CardBrand | undefined): BrandRule | undefined {
  return RULES.find((rule) => rule.brand === brand);
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
  const groups = ruleOf(detectBrand(digits))?.groups ?? [4, 4, 4, 4, 3];
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
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
  return ruleOf(brand)?.cvc ?? 3;
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
  if (options.testMode && digits in DEMO_PANS) return undefined;
  const rule = ruleOf(detectBrand(digits));
  if (digits.length < 12 || digits.length > 19) return 'length';
  if (rule && !rule.lengths.includes(digits.length)) return 'length';
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
