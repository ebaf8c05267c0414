/**
 * The emulator's test cards: the gateway's demo PANs (qenta-protocol §8) plus Luhn-valid numbers
 * that trigger the other outcomes a shop must handle. Exported so the README and the widget's
 * test-mode picker can list them.
 */

/** What a test card does when it is used on the payment page. */
export type TestCardBehaviour =
  /** Approved; the consumer picks the outcome on the payment page. */
  | 'success'
  /** Enrolled in 3-D Secure: the payment page asks for the password first (`authenticated=Yes`). */
  | '3ds'
  /** Stored fine, but the payment is declined: every outcome but Cancel ends in FAILURE 20005. */
  | 'declined';

/** One test card. */
export interface TestCard {
  pan: string;
  /** Short code sent as `financialInstitution` (§5.1: `Visa`, `MC`). */
  financialInstitution: string;
  /** Brand name in the anonymised data (§6.4: `VISA`, `MasterCard`, `Maestro`). */
  brand: string;
  behaviour: TestCardBehaviour;
  /** Gateway demo PAN that does not pass the Luhn check and is accepted anyway (§6.4 NOTE). */
  demo: boolean;
  /** Payment types this card is meant for. */
  paymentTypes: readonly string[];
  description: string;
  /**
   * Short English label of what the card does, as the widget's `test-mode` picker shows it. The
   * widget keeps a copy of `pan`, `label` and `paymentTypes` as data (it must not import the
   * emulator at run time); its test checks that copy against this list.
   */
  label: string;
}

/** The password the 3-D Secure step accepts (any other password fails authentication). */
export const THREE_D_SECURE_PASSWORD = 'qenta3ds';

const CARD_TYPES = ['CCARD', 'CCARD-MOTO'] as const;

/**
 * Every test card, demo PANs first.
 *
 * @example
 * ```ts
 * for (const card of TEST_CARDS) console.log(card.pan, card.behaviour, card.description);
 * ```
 */
export const TEST_CARDS: readonly TestCard[] = [
  {
    pan: '9500000000000001',
    financialInstitution: 'MC',
    brand: 'MasterCard',
    behaviour: '3ds',
    demo: true,
    paymentTypes: CARD_TYPES,
    description: 'Demo Mastercard, 3-D Secure enrolled (the official example default).',
    label: 'Demo Mastercard, 3-D Secure',
  },
  {
    pan: '9500000000000002',
    financialInstitution: 'MC',
    brand: 'MasterCard',
    behaviour: 'success',
    demo: true,
    paymentTypes: CARD_TYPES,
    description: 'Demo Mastercard, no 3-D Secure.',
    label: 'Demo Mastercard, approved',
  },
  {
    pan: '9400000000000004',
    financialInstitution: 'Visa',
    brand: 'VISA',
    behaviour: 'success',
    demo: true,
    paymentTypes: CARD_TYPES,
    description: 'Demo Visa, no 3-D Secure (`authenticated=No`).',
    label: 'Demo Visa, approved',
  },
  {
    pan: '9600000000000005',
    financialInstitution: 'Maestro',
    brand: 'Maestro',
    behaviour: '3ds',
    demo: true,
    paymentTypes: ['MAESTRO'],
    description: 'Demo Maestro SecureCode, 3-D Secure enrolled.',
    label: 'Demo Maestro, 3-D Secure',
  },
  {
    pan: '4111111111111111',
    financialInstitution: 'Visa',
    brand: 'VISA',
    behaviour: 'success',
    demo: false,
    paymentTypes: CARD_TYPES,
    description: 'Luhn-valid Visa, no 3-D Secure.',
    label: 'Visa, approved',
  },
  {
    pan: '4000000000003220',
    financialInstitution: 'Visa',
    brand: 'VISA',
    behaviour: '3ds',
    demo: false,
    paymentTypes: CARD_TYPES,
    description: 'Luhn-valid Visa, 3-D Secure enrolled.',
    label: 'Visa, 3-D Secure',
  },
  {
    pan: '4000000000000002',
    financialInstitution: 'Visa',
    brand: 'VISA',
    behaviour: 'declined',
    demo: false,
    paymentTypes: CARD_TYPES,
    description: 'Luhn-valid Visa, declined by the card company at payment (FAILURE 20005).',
    label: 'Visa, declined at payment',
  },
  {
    pan: '5555555555554444',
    financialInstitution: 'MC',
    brand: 'MasterCard',
    behaviour: 'success',
    demo: false,
    paymentTypes: CARD_TYPES,
    description: 'Luhn-valid Mastercard, no 3-D Secure.',
    label: 'Mastercard, approved',
  },
  {
    pan: '378282246310005',
    financialInstitution: 'Amex',
    brand: 'American Express',
    behaviour: 'success',
    demo: false,
    paymentTypes: CARD_TYPES,
    description: 'Luhn-valid American Express (4-digit CVC), no 3-D Secure.',
    label: 'American Express, approved',
  },
];

/**
 * The test card with this PAN, if it is one.
 *
 * @example
 * ```ts
 * findTestCard('9500000000000001')?.behaviour; // '3ds'
 * ```
 */
export function findTestCard(pan: string): TestCard | undefined {
  return TEST_CARDS.find((card) => card.pan === pan);
}

/**
 * What a PAN that is not a test card does: Luhn-valid unknown cards are approved without
 * 3-D Secure (the emulator's choice; the gateway's demo mode does not reach issuers either).
 *
 * @example
 * ```ts
 * cardBehaviour('4242424242424242'); // 'success'
 * ```
 */
export function cardBehaviour(pan: string): TestCardBehaviour {
  return findTestCard(pan)?.behaviour ?? 'success';
}
