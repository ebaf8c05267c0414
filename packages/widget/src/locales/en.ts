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
  missing: 'Please fill in this field.',
  invalidPan: 'This card number is not valid.',
  lengthPan: 'Wrong number of digits.',
  expiryPast: 'This card has expired.',
  expiryFormat: 'Use MM and YYYY.',
  cvcLength: 'Enter the {n}-digit security code.',
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
} as const;

/**
 * Every string the element shows. The optional ones belong to lazily loaded parts (bank payment
 * types, test-mode picker, pci3 iframe title), which carry their own English defaults so they stay
 * out of the main chunk; overriding them works the same.
 */
export type Strings = { readonly [K in keyof typeof en]: string } & {
  readonly [K in
    | 'accountOwner'
    | 'bankAccountIban'
    | 'bankBic'
    | 'payerPayboxNumber'
    | 'bankAccount'
    | 'bankNumber'
    | 'voucherId'
    | 'invalidIban'
    | 'testCards'
    | 'testCardsPick'
    | 'frameTitle']?: string;
};
