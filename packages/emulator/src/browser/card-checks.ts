/**
 * Pure checks on payment data: Luhn, card brand by prefix, IBAN checksum, BIC format, and the
 * masking rules of qenta-protocol §6.4 / §11.13.
 */

/**
 * The Luhn (mod 10) check on a string of digits.
 *
 * @example
 * ```ts
 * luhnValid('4111111111111111'); // true
 * ```
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** A card brand as the gateway names it. */
export interface CardBrand {
  /** Short code sent as `financialInstitution` (§5.1: `Visa`, `MC`, `Maestro`). */
  financialInstitution: string;
  /** Name in the anonymised data (§6.4: `VISA`, `MasterCard`, `Maestro`). */
  brand: string;
  /** Length of the card security code. */
  cvcLength: 3 | 4;
  /**
   * Whether the brand's cards carry an issue date and issue number (UK Maestro, ex Switch/Solo).
   * Only then are `issueMonth`, `issueYear` and `issueNumber` checked; other cards accept and
   * ignore them (design.md "Decisions").
   */
  issueFields?: true;
}

const VISA: CardBrand = { financialInstitution: 'Visa', brand: 'VISA', cvcLength: 3 };
const MC: CardBrand = { financialInstitution: 'MC', brand: 'MasterCard', cvcLength: 3 };
const MAESTRO: CardBrand = {
  financialInstitution: 'Maestro',
  brand: 'Maestro',
  cvcLength: 3,
  issueFields: true,
};
const AMEX: CardBrand = { financialInstitution: 'Amex', brand: 'American Express', cvcLength: 4 };
const DINERS: CardBrand = { financialInstitution: 'Diners', brand: 'Diners Club', cvcLength: 3 };
const DISCOVER: CardBrand = { financialInstitution: 'Discover', brand: 'Discover', cvcLength: 3 };

/**
 * The brand of a PAN by its prefix: the demo prefixes of §11.13 (94 Visa, 95 MC, 96 Maestro) and
 * the public ranges of the brands the docs list (§7.3). `undefined` for anything else.
 *
 * @example
 * ```ts
 * cardBrand('9500000000000001')?.financialInstitution; // 'MC'
 * ```
 */
export function cardBrand(pan: string): CardBrand | undefined {
  const two = Number(pan.slice(0, 2));
  const three = Number(pan.slice(0, 3));
  const four = Number(pan.slice(0, 4));
  if (two === 94) return VISA;
  if (two === 95) return MC;
  if (two === 96) return MAESTRO;
  if (two === 34 || two === 37) return AMEX;
  if (two === 36 || two === 38 || (three >= 300 && three <= 305)) return DINERS;
  if (four === 6011 || two === 65 || (three >= 644 && three <= 649)) return DISCOVER;
  if (pan.startsWith('4')) return VISA;
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return MC;
  if (two === 50 || (two >= 56 && two <= 69)) return MAESTRO;
  return undefined;
}

/**
 * The IBAN mod-97 check (ISO 13616): country code, check digits, 11–30 alphanumerics.
 *
 * @example
 * ```ts
 * ibanValid('DE89 3704 0044 0532 0130 00'); // true
 * ```
 */
export function ibanValid(iban: string): boolean {
  const compact = iban.replaceAll(' ', '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : char.charCodeAt(0) - 48;
    remainder = Number(`${remainder}${value}`) % 97;
  }
  return remainder === 1;
}

/**
 * BIC format (ISO 9362): 4 letters bank, 2 letters country, 2 alphanumerics location, optional
 * 3 alphanumerics branch.
 *
 * @example
 * ```ts
 * bicValid('COBADEFFXXX'); // true
 * ```
 */
export function bicValid(bic: string): boolean {
  return /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic.toUpperCase());
}

/**
 * `maskedPan` of §6.4: first 6 + `******` + last 4.
 *
 * @example
 * ```ts
 * maskPan('9400000000000004'); // '940000******0004'
 * ```
 */
export function maskPan(pan: string): string {
  return `${pan.slice(0, 6)}******${pan.slice(-4)}`;
}

/**
 * The anonymised IBAN. The docs leave open whether the gateway masks it (§6.4); the emulator
 * masks everything but the first 4 and the last 4 characters, so the shop can show the consumer
 * which account it is without ever holding the number.
 *
 * @example
 * ```ts
 * maskIban('DE89370400440532013000'); // 'DE89**************3000'
 * ```
 */
export function maskIban(iban: string): string {
  const compact = iban.replaceAll(' ', '').toUpperCase();
  if (compact.length <= 8) return '*'.repeat(compact.length);
  return `${compact.slice(0, 4)}${'*'.repeat(compact.length - 8)}${compact.slice(-4)}`;
}
