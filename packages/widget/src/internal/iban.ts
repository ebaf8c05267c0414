/**
 * IBAN checks for SEPA-DD (ISO 13616 mod-97), done in the browser before the gateway is called.
 */

/**
 * Upper-cases and removes spaces.
 *
 * @example
 * ```ts
 * normalizeIban('de89 3704 0044 0532 0130 00'); // 'DE89370400440532013000'
 * ```
 */
export function normalizeIban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * True when the IBAN has a valid shape and its mod-97 checksum is 1.
 *
 * @example
 * ```ts
 * ibanValid('DE89 3704 0044 0532 0130 00'); // true
 * ```
 */
export function ibanValid(value: string): boolean {
  const iban = normalizeIban(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const char of moved) {
    const code = char.charCodeAt(0);
    // Letters count as two digits (A=10 … Z=35); process digit by digit to stay in safe integers.
    const digits = code >= 65 ? String(code - 55) : char;
    for (const digit of digits) rest = (rest * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return rest === 1;
}

/**
 * Groups an IBAN in fours for display while typing.
 *
 * @example
 * ```ts
 * formatIban('DE89370400440532013000'); // 'DE89 3704 0044 0532 0130 00'
 * ```
 */
export function formatIban(value: string): string {
  return normalizeIban(value)
    .slice(0, 34)
    .replace(/(.{4})(?=.)/g, '$1 ');
}
