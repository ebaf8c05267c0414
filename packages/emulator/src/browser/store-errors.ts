/**
 * Error details for data-storage store calls, in the gateway's code scheme (qenta-protocol §4.2:
 * code = base + parameter number) with `consumerMessage` in the storage's language.
 *
 * The parameter numbers of the payment-data fields are not documented anywhere; the emulator
 * uses its own (listed in {@link STORE_FIELDS}) and keeps the documented bases, so a shop that
 * switches on the base (11xxx missing, 15xxx length, 16xxx format, 18xxx invalid) or on 20004
 * (expired card) behaves the same against the gateway.
 */
import type { GatewayErrorDetail } from '@qenta-seamless/server-helpers/protocol';

/** The kinds of store-time problems, mapped to the §4.2 bases. */
export const STORE_ERROR_BASES = {
  missing: 11000,
  length: 15000,
  format: 16000,
  invalid: 18000,
} as const;

/** A kind of store-time problem. */
export type StoreErrorKind = keyof typeof STORE_ERROR_BASES;

interface FieldInfo {
  /** Parameter number added to the base. */
  number: number;
  /** Upper-case name in the English `message`, as the gateway writes them (`PAYMENTTYPE`). */
  wire: string;
  /** Consumer-facing names. */
  en: string;
  de: string;
}

/**
 * The fields a store call validates, with their parameter numbers (paymentType's 051 is the
 * documented one; the others are the emulator's choice).
 *
 * @example
 * ```ts
 * STORE_FIELDS.pan.number; // 521 → 18521 "PAN is invalid."
 * ```
 */
export const STORE_FIELDS = {
  paymentType: { number: 51, wire: 'PAYMENTTYPE', en: 'Payment type', de: 'Zahlungsmittel' },
  storageId: { number: 302, wire: 'STORAGEID', en: 'Storage', de: 'Datenspeicher' },
  pan: { number: 521, wire: 'PAN', en: 'Card number', de: 'Kartennummer' },
  expiry: { number: 522, wire: 'EXPIRY', en: 'Expiry date', de: 'Ablaufdatum' },
  cardverifycode: {
    number: 523,
    wire: 'CARDVERIFYCODE',
    en: 'Card security code',
    de: 'Kartenpr&#252;fnummer',
  },
  cardholdername: {
    number: 524,
    wire: 'CARDHOLDERNAME',
    en: 'Cardholder name',
    de: 'Karteninhaber',
  },
  issueNumber: { number: 525, wire: 'ISSUENUMBER', en: 'Issue number', de: 'Ausgabenummer' },
  issueDate: { number: 526, wire: 'ISSUEDATE', en: 'Issue date', de: 'Ausgabedatum' },
  accountOwner: { number: 530, wire: 'ACCOUNTOWNER', en: 'Account owner', de: 'Kontoinhaber' },
  bankAccountIban: { number: 531, wire: 'BANKACCOUNTIBAN', en: 'IBAN', de: 'IBAN' },
  bankBic: { number: 532, wire: 'BANKBIC', en: 'BIC', de: 'BIC' },
  payerPayboxNumber: {
    number: 540,
    wire: 'PAYERPAYBOXNUMBER',
    en: 'paybox number',
    de: 'paybox-Nummer',
  },
  bankAccount: { number: 541, wire: 'BANKACCOUNT', en: 'Account number', de: 'Kontonummer' },
  bankNumber: { number: 542, wire: 'BANKNUMBER', en: 'Bank code', de: 'Bankleitzahl' },
  voucherId: { number: 543, wire: 'VOUCHERID', en: 'Voucher code', de: 'Gutscheincode' },
} as const satisfies Record<string, FieldInfo>;

/** A field a store call validates. */
export type StoreField = keyof typeof STORE_FIELDS;

const TEMPLATES: Record<StoreErrorKind, { message: string; en: string; de: string }> = {
  missing: { message: '{0} is missing.', en: '{0} is missing.', de: '{0} fehlt.' },
  length: {
    message: '{0} has an invalid length.',
    en: '{0} has an invalid length.',
    de: '{0} hat eine ung&#252;ltige L&#228;nge.',
  },
  format: {
    message: '{0} has an invalid format.',
    en: '{0} has an invalid format.',
    de: '{0} hat ein ung&#252;ltiges Format.',
  },
  invalid: { message: '{0} is invalid.', en: '{0} is invalid.', de: '{0} ist ung&#252;ltig.' },
};

/** Languages with their own consumer messages; every other language gets English. */
export const STORE_MESSAGE_LANGUAGES = ['en', 'de'] as const;

/**
 * One error detail for a field problem.
 *
 * @example
 * ```ts
 * fieldError('pan', 'invalid', 'de');
 * // { errorCode: '18521', message: 'PAN is invalid.', consumerMessage: 'Kartennummer ist ung&#252;ltig.' }
 * ```
 */
export function fieldError(
  field: StoreField,
  kind: StoreErrorKind,
  language: string,
): GatewayErrorDetail {
  const info: FieldInfo = STORE_FIELDS[field];
  const template = TEMPLATES[kind];
  const german = language.toLowerCase() === 'de';
  return {
    errorCode: String(STORE_ERROR_BASES[kind] + info.number),
    message: template.message.replace('{0}', info.wire),
    consumerMessage: (german ? template.de : template.en).replace(
      '{0}',
      german ? info.de : info.en,
    ),
  };
}

/**
 * The decline errors of §4.2 (20004 expired card, 20005 declined by the card company or, for
 * other methods, the payment provider, and the emulator's 3-D Secure failure), localised.
 *
 * @example
 * ```ts
 * declineError('expired', 'en').errorCode; // '20004'
 * ```
 */
export function declineError(
  reason: 'expired' | 'declined' | 'provider-declined' | 'authentication',
  language: string,
): GatewayErrorDetail {
  const german = language.toLowerCase() === 'de';
  switch (reason) {
    case 'expired':
      return {
        errorCode: '20004',
        message: 'Your credit card has expired.',
        consumerMessage: german
          ? 'Ihre Kreditkarte ist abgelaufen.'
          : 'Your credit card has expired.',
      };
    case 'declined':
      return {
        errorCode: '20005',
        message: 'Credit card declined by the card company.',
        consumerMessage: german
          ? 'Ihre Kreditkarte wurde vom Kartenunternehmen abgelehnt.'
          : 'Your credit card was declined by the card company.',
      };
    case 'provider-declined':
      // The same decline code for payment methods that are not cards (SEPA-DD, PayPal, …): a card
      // wording would confuse a consumer who paid by bank.
      return {
        errorCode: '20005',
        message: 'Payment declined by the financial institution.',
        consumerMessage: german
          ? 'Ihre Zahlung wurde vom Zahlungsanbieter abgelehnt.'
          : 'Your payment was declined by the payment provider.',
      };
    case 'authentication':
      return {
        errorCode: '20009',
        message: '3-D Secure authentication failed.',
        consumerMessage: german
          ? 'Die 3-D Secure Authentifizierung ist fehlgeschlagen.'
          : '3-D Secure authentication failed.',
      };
  }
}

/**
 * The error of a consumer who cancelled on the payment page (FAILURE confirms after a timeout use
 * {@link declineError}); localised.
 *
 * @example
 * ```ts
 * abandonedError('en').errorCode; // '20010'
 * ```
 */
export function abandonedError(language: string): GatewayErrorDetail {
  const german = language.toLowerCase() === 'de';
  return {
    errorCode: '20010',
    message: 'The payment was not completed in time.',
    consumerMessage: german
      ? 'Die Zahlung wurde nicht rechtzeitig abgeschlossen.'
      : 'The payment was not completed in time.',
  };
}
