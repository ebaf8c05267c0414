/**
 * The fields each payment type collects in classic mode (qenta-protocol §6.3, wire names as keys),
 * the gateway method that stores them (§6.2), and the client-side checks run before any call.
 */
import type { Strings } from '../locales/en.ts';
import {
  cvcLength,
  cvcProblem,
  detectBrand,
  digitsOf,
  expiryProblem,
  fullYear,
  panProblem,
} from './card.ts';
import { ibanValid, normalizeIban } from './iban.ts';

/** A payment type the element supports (the data-storage types of §7.2). */
export type PaymentType =
  | 'CCARD'
  | 'CCARD-MOTO'
  | 'MAESTRO'
  | 'SEPA-DD'
  | 'PBX'
  | 'GIROPAY'
  | 'VOUCHER';

/** One input the element renders. */
export interface FieldSpec {
  key: keyof Strings & string;
  autocomplete: string;
  numeric?: boolean;
  optional?: boolean;
  maxlength: number;
  /** Narrow inputs share a row. */
  narrow?: boolean;
}

const CARD: readonly FieldSpec[] = [
  { key: 'pan', autocomplete: 'cc-number', numeric: true, maxlength: 23 },
  {
    key: 'expirationMonth',
    autocomplete: 'cc-exp-month',
    numeric: true,
    maxlength: 2,
    narrow: true,
  },
  { key: 'expirationYear', autocomplete: 'cc-exp-year', numeric: true, maxlength: 4, narrow: true },
  { key: 'cardverifycode', autocomplete: 'cc-csc', numeric: true, maxlength: 4, narrow: true },
  { key: 'cardholdername', autocomplete: 'cc-name', maxlength: 30 },
];

/**
 * Fields and store method per payment type.
 *
 * @example
 * ```ts
 * PAYMENT_TYPES['SEPA-DD'].method; // 'storeSepaDdInformation'
 * ```
 */
export const PAYMENT_TYPES: Readonly<
  Record<PaymentType, { method: string; frame?: string; fields: readonly FieldSpec[] }>
> = {
  CCARD: { method: 'storeCreditCardInformation', frame: 'buildIframeCreditCard', fields: CARD },
  'CCARD-MOTO': {
    method: 'storeCreditCardMotoInformation',
    frame: 'buildIframeCreditCardMoto',
    fields: CARD,
  },
  MAESTRO: { method: 'storeMaestroInformation', frame: 'buildIframeMaestro', fields: CARD },
  'SEPA-DD': {
    method: 'storeSepaDdInformation',
    fields: [
      { key: 'accountOwner', autocomplete: 'name', maxlength: 50 },
      { key: 'bankAccountIban', autocomplete: 'off', maxlength: 42 },
      { key: 'bankBic', autocomplete: 'off', maxlength: 12, optional: true },
    ],
  },
  PBX: {
    method: 'storePayboxInformation',
    fields: [{ key: 'payerPayboxNumber', autocomplete: 'tel', numeric: true, maxlength: 20 }],
  },
  GIROPAY: {
    method: 'storeGiropayInformation',
    fields: [
      { key: 'accountOwner', autocomplete: 'name', maxlength: 50, optional: true },
      { key: 'bankAccount', autocomplete: 'off', numeric: true, maxlength: 10 },
      { key: 'bankNumber', autocomplete: 'off', numeric: true, maxlength: 8 },
    ],
  },
  VOUCHER: {
    method: 'storeVoucherInformation',
    fields: [{ key: 'voucherId', autocomplete: 'off', maxlength: 50 }],
  },
};

/**
 * The payment type for an attribute value (upper-cased), or undefined when not supported.
 *
 * @example
 * ```ts
 * paymentTypeOf('sepa-dd'); // 'SEPA-DD'
 * ```
 */
export function paymentTypeOf(value: string | undefined): PaymentType | undefined {
  const type = (value ?? 'CCARD').toUpperCase();
  return type in PAYMENT_TYPES ? (type as PaymentType) : undefined;
}

/** A problem found on one field: the string to show (already filled in). */
export type FieldProblems = Partial<Record<string, string>>;

/**
 * Runs the client-side checks; the result maps field key (`expiry` for the month/year pair) to
 * the message to show. Empty when everything passes.
 *
 * @example
 * ```ts
 * checkFields('CCARD', { pan: '4111111111111112' }, { strings: en, now: new Date() }).pan; // en.invalidPan
 * ```
 */
export function checkFields(
  type: PaymentType,
  values: Readonly<Record<string, string>>,
  options: { strings: Strings; now: Date; testMode?: boolean | undefined },
): FieldProblems {
  const s = options.strings;
  const problems: FieldProblems = {};
  const value = (key: string) => (values[key] ?? '').trim();
  for (const field of PAYMENT_TYPES[type].fields) {
    if (!field.optional && value(field.key) === '') problems[field.key] = s.missing;
  }
  if (type === 'CCARD' || type === 'CCARD-MOTO' || type === 'MAESTRO') {
    const pan = panProblem(value('pan'), { testMode: options.testMode });
    if (pan === 'luhn') problems.pan = s.invalidPan;
    if (pan === 'length') problems.pan = s.lengthPan;
    const expiry = expiryProblem(value('expirationMonth'), value('expirationYear'), options.now);
    if (expiry === 'past') problems.expiry = s.expiryPast;
    if (expiry === 'format') problems.expiry = s.expiryFormat;
    if (expiry === 'missing') problems.expiry = s.missing;
    delete problems.expirationMonth;
    delete problems.expirationYear;
    const brand = detectBrand(value('pan'), { testMode: options.testMode });
    if (cvcProblem(value('cardverifycode'), brand) === 'length') {
      problems.cardverifycode = s.cvcLength.replace('{n}', String(cvcLength(brand)));
    }
  }
  if (
    type === 'SEPA-DD' &&
    value('bankAccountIban') !== '' &&
    !ibanValid(value('bankAccountIban'))
  ) {
    problems.bankAccountIban = s.invalidIban;
  }
  if (
    type === 'SEPA-DD' &&
    value('bankBic') !== '' &&
    !/^[A-Z0-9]{8}([A-Z0-9]{3})?$/i.test(value('bankBic'))
  ) {
    problems.bankBic = s.invalidFormat;
  }
  const numeric = (key: string, pattern: RegExp) => {
    if (value(key) !== '' && !pattern.test(value(key))) problems[key] = s.invalidFormat;
  };
  if (type === 'PBX') numeric('payerPayboxNumber', /^\d{6,20}$/);
  if (type === 'GIROPAY') {
    numeric('bankAccount', /^\d{1,10}$/);
    numeric('bankNumber', /^\d{8}$/);
  }
  return problems;
}

/**
 * The `paymentInformation` object passed to the gateway script (§6.3): digits only for numbers,
 * four-digit year, IBAN without spaces. It exists only for the duration of the store call.
 *
 * @example
 * ```ts
 * paymentInformation('CCARD', { pan: '4111 1111 1111 1111', expirationMonth: '1', expirationYear: '31' });
 * // { pan: '4111111111111111', expirationMonth: '01', expirationYear: '2031', ... }
 * ```
 */
export function paymentInformation(
  type: PaymentType,
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  const info: Record<string, string> = {};
  for (const field of PAYMENT_TYPES[type].fields) {
    const raw = (values[field.key] ?? '').trim();
    if (raw !== '') info[field.key] = field.numeric ? digitsOf(raw) : raw;
  }
  if (info.expirationMonth) info.expirationMonth = info.expirationMonth.padStart(2, '0');
  if (info.expirationYear) info.expirationYear = String(fullYear(info.expirationYear));
  if (info.bankAccountIban) info.bankAccountIban = normalizeIban(info.bankAccountIban);
  if (info.bankBic) info.bankBic = info.bankBic.toUpperCase();
  return info;
}
