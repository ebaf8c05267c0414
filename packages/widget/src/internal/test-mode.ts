/**
 * The `test-mode` picker, in its own module so shops that never set `test-mode` do not download
 * it. The emulator's catalogue (`TEST_CARDS` of `@qenta-seamless/emulator`) is the one source of
 * the test cards; the widget runs in shop pages and must not import the emulator at run time, so
 * it keeps the numbers, labels and types it shows as data here, and
 * `test/test-cards.node.test.mjs` fails when this copy and the catalogue differ.
 */
// No runtime import of lit or the card helpers: a lazy module that shares code with the main
// chunk would make bundlers split that code into an extra chunk the main page has to load too.
import type { Strings } from '../locales/en.ts';

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
 * The field values a picked card fills in (the element formats the number for display).
 *
 * @example
 * ```ts
 * testCardValues('378282246310005').cardverifycode; // '1234'
 * ```
 */
export function testCardValues(pan: string): Record<string, string> {
  return {
    pan,
    expirationMonth: '12',
    expirationYear: '2031',
    cardverifycode: /^3[47]/.test(pan) ? '1234' : '123',
    cardholdername: 'Test Person',
  };
}

/**
 * The picker (`part="test-cards"` in a `part="field"` with its label) as a DOM node the element
 * renders, or undefined when no test card fits the payment type.
 *
 * @example
 * ```ts
 * const picker = createPicker({ strings: en, type: 'CCARD', pick: (values) => fill(values) });
 * ```
 */
export function createPicker(options: {
  strings: Strings;
  type: string;
  pick: (values: Record<string, string>) => void;
}): HTMLElement | undefined {
  const cards = PICKER_CARDS.filter((card) => card.types.includes(options.type));
  if (cards.length === 0) return undefined;
  const field = document.createElement('div');
  field.setAttribute('part', 'field');
  const label = document.createElement('label');
  label.setAttribute('part', 'label');
  label.htmlFor = 'test-cards';
  label.textContent = options.strings.testCards ?? 'Test cards';
  const select = document.createElement('select');
  select.setAttribute('part', 'test-cards');
  select.id = 'test-cards';
  select.append(new Option(options.strings.testCardsPick ?? 'Pick a test card…', ''));
  for (const card of cards)
    select.append(new Option(`${card.label} (${card.pan.slice(-4)})`, card.pan));
  select.addEventListener('change', () => {
    if (select.value) options.pick(testCardValues(select.value));
  });
  field.append(label, select);
  return field;
}
