/**
 * The `test-mode` picker, in its own module so shops that never set `test-mode` do not download
 * it. The cards are a copy, as data, of part of the emulator's catalogue
 * (`packages/emulator/src/browser/test-cards.ts`): the widget runs in shop pages and must not
 * import the emulator at run time. Keep the two in step when the catalogue changes.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../locales/en.ts';
import { detectBrand, formatPan } from './card.ts';

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

/**
 * The field values a picked card fills in.
 *
 * @example
 * ```ts
 * testCardValues('378282246310005').cardverifycode; // '1234'
 * ```
 */
export function testCardValues(pan: string): Record<string, string> {
  return {
    pan: formatPan(pan),
    expirationMonth: '12',
    expirationYear: '2031',
    cardverifycode: detectBrand(pan) === 'amex' ? '1234' : '123',
    cardholdername: 'Test Person',
  };
}

/**
 * The picker (`part="test-cards"`), or nothing when no test card fits the payment type.
 *
 * @example
 * ```ts
 * renderPicker({ strings: en, type: 'CCARD', pick: (values) => fill(values) });
 * ```
 */
export function renderPicker(options: {
  strings: Strings;
  type: string;
  pick: (values: Record<string, string>) => void;
}): TemplateResult | typeof nothing {
  const cards = PICKER_CARDS.filter((card) => card.types.includes(options.type));
  if (cards.length === 0) return nothing;
  const change = (event: Event) => {
    const pan = (event.target as HTMLSelectElement).value;
    if (pan) options.pick(testCardValues(pan));
  };
  return html`<div part="field"><label part="label" for="test-cards">${options.strings.testCards}</label><select part="test-cards" id="test-cards" @change=${change}><option value="">${options.strings.testCardsPick}</option>${cards.map((card) => html`<option value=${card.pan}>${card.label} (${card.pan.slice(-4)})</option>`)}</select></div>`;
}
