/**
 * The cards the `test-mode` picker offers. A copy, as data, of part of the emulator's catalogue
 * (`packages/emulator/src/browser/test-cards.ts`): the widget runs in shop pages and must not
 * import the emulator at run time. Keep the two in step when the catalogue changes.
 */

/** One card the picker offers. */
export interface PickerCard {
  pan: string;
  /** Short English description of what the card does (shown in the picker). */
  label: string;
  /** Payment types the card fits. */
  types: readonly string[];
}

const CARD = ['CCARD', 'CCARD-MOTO'];

/**
 * The picker's cards; expiry 12/2031 and CVC 123 (1234 for Amex) are filled in with them.
 *
 * @example
 * ```ts
 * PICKER_CARDS.filter((card) => card.types.includes('MAESTRO'));
 * ```
 */
export const PICKER_CARDS: readonly PickerCard[] = [
  { pan: '9500000000000001', label: 'Demo Mastercard, 3-D Secure', types: CARD },
  { pan: '9500000000000002', label: 'Demo Mastercard, approved', types: CARD },
  { pan: '9400000000000004', label: 'Demo Visa, approved', types: CARD },
  { pan: '9600000000000005', label: 'Demo Maestro, 3-D Secure', types: ['MAESTRO'] },
  { pan: '4111111111111111', label: 'Visa, approved', types: CARD },
  { pan: '4000000000003220', label: 'Visa, 3-D Secure', types: CARD },
  { pan: '4000000000000002', label: 'Visa, declined at payment', types: CARD },
  { pan: '5555555555554444', label: 'Mastercard, approved', types: CARD },
  { pan: '378282246310005', label: 'American Express, approved', types: CARD },
];
