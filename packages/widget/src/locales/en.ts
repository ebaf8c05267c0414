/**
 * English strings, built in. Every string can be overridden through the element's `strings`
 * property; other languages are added with {@link Strings}-shaped objects.
 *
 * @example
 * ```ts
 * import { en } from '@qenta-seamless/widget';
 * form.strings = { ...en, pan: 'Long number' };
 * ```
 */
export const en = {
  cardholdername: 'Name on card',
  pan: 'Card number',
  expiry: 'Expiry date',
  expirationMonth: 'Month (MM)',
  expirationYear: 'Year (YYYY)',
  cardverifycode: 'Security code (CVC)',
  accountOwner: 'Account holder',
  bankAccountIban: 'IBAN',
  bankBic: 'BIC (optional)',
  payerPayboxNumber: 'paybox number',
  bankAccount: 'Account number',
  bankNumber: 'Bank code',
  voucherId: 'Voucher code',
  missing: 'Please fill in this field.',
  invalidPan: 'This card number is not valid.',
  lengthPan: 'Wrong number of digits.',
  expiryPast: 'This card has expired.',
  expiryFormat: 'Use MM and YYYY.',
  cvcLength: 'Enter the {n}-digit security code.',
  invalidIban: 'This IBAN is not valid.',
  invalidFormat: 'Please check this entry.',
  required: 'Please enter your payment details.',
  loading: 'Loading payment form…',
  ready: 'Payment form ready.',
  storing: 'Saving…',
  stored: 'Payment details saved.',
  storeFailed: 'Please check your payment details.',
  loadFailed: 'The payment form could not be loaded.',
  retry: 'Try again',
  useAnotherCard: 'Use another card',
  useOtherDetails: 'Use other details',
  expires: 'Expires {date}',
  testCards: 'Test cards',
  testCardsPick: 'Pick a test card…',
  frameTitle: 'Card details',
} as const;

/** Every string the element shows. */
export type Strings = { readonly [K in keyof typeof en]: string };
