/**
 * The formats qenta-protocol §5.1 and §10 define for the fields of a confirmation. A fingerprint
 * is taken over the values concatenated without separators, so characters can be moved between
 * neighbouring signed fields and it still matches: `language=en&orderNumber=5472113` and
 * `language=en54&orderNumber=72113` sign the same message (issue 10, item 7). Checking each
 * value's documented format after the match refuses such a re-cut, since a moved character
 * breaks a fixed length, a digits-only field or an enumeration.
 */
import type { FormFields } from './form.ts';
import { currencyDecimals } from './schemas.ts';

/** One field whose signed value does not have the documented format. */
export interface FormatProblem {
  /** The wire name of the field. */
  field: string;
  /** What the value should be; never the value itself. */
  expected: string;
}

type Check = (value: string, fields: Readonly<FormFields>) => boolean;

const DECIMAL = /^([0-9]+)(?:[.,]([0-9]+))?$/;

// Checked whenever the field is among the signed ones. Fields the protocol leaves free-form
// (financialInstitution, cardholder, avs texts, custom parameters) are not listed.
const FORMATS: readonly (readonly [field: string, expected: string, check: Check])[] = [
  ['paymentState', 'SUCCESS or PENDING', (v) => v === 'SUCCESS' || v === 'PENDING'],
  // §10: numeric, at most 9 digits.
  ['orderNumber', '1 to 9 digits', (v) => /^[0-9]{1,9}$/.test(v)],
  // §10: decimal, `.` or `,`, no sign, exponent or thousands separator, at most the
  // currency's minor digits (the gateway echoes the amount as the shop sent it).
  [
    'amount',
    "a decimal number with at most the currency's minor digits",
    (v, fields) => {
      const match = DECIMAL.exec(v);
      if (match === null) return false;
      const currency = Object.hasOwn(fields, 'currency') ? (fields.currency as string) : '';
      return (match[2]?.length ?? 0) <= currencyDecimals(currency);
    },
  ],
  // §10: ISO 4217, fixed 3. Confirmations carry alpha-3; numeric-3 is accepted because the
  // typed client lets a shop start a payment with it and the gateway echoes what was sent.
  [
    'currency',
    'an ISO 4217 code (3 letters or 3 digits)',
    (v) => /^(?:[A-Za-z]{3}|[0-9]{3})$/.test(v),
  ],
  // §7.1: an open enumeration of upper-case identifiers such as CCARD-MOTO or EPAY_BG.
  [
    'paymentType',
    'a payment type (letters, digits, - and _)',
    (v) => /^[A-Za-z0-9_-]{1,64}$/.test(v),
  ],
  // §10: alphabetic, fixed 2.
  ['language', 'two letters', (v) => /^[A-Za-z]{2}$/.test(v)],
  // §10: at most 255 characters each.
  ['gatewayReferenceNumber', 'at most 255 characters', (v) => v.length <= 255],
  ['gatewayContractNumber', 'at most 255 characters', (v) => v.length <= 255],
  // §5.1 cards: the last 4 digits, MM/YYYY, Yes/No (the docs write YES/NO). Empty is allowed:
  // the gateway sends these names with an empty value when it has nothing for them.
  ['anonymousPan', 'the last 4 digits', (v) => v === '' || /^[0-9]{4}$/.test(v)],
  ['expiry', 'MM/YYYY', (v) => v === '' || /^(?:0[1-9]|1[0-2])\/[0-9]{4}$/.test(v)],
  ['authenticated', 'Yes or No', (v) => v === '' || /^(?:yes|no)$/i.test(v)],
];

/**
 * The first signed field whose value breaks its documented format, or `undefined`.
 *
 * @example
 * ```ts
 * confirmationFormatProblem({ orderNumber: '000001', language: 'en547211' });
 * // { field: 'language', expected: 'two letters' }
 * ```
 */
export function confirmationFormatProblem(signed: Readonly<FormFields>): FormatProblem | undefined {
  for (const [field, expected, check] of FORMATS) {
    if (Object.hasOwn(signed, field) && !check(signed[field] as string, signed)) {
      return { field, expected };
    }
  }
  return undefined;
}
