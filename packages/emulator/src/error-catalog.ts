/**
 * The gateway's error texts (qenta-protocol §4.2). A code is base + parameter number: the bases
 * come from the vendor's documented scheme (11000 missing, 13000 already used, 15000 invalid
 * length, 16000 invalid format, 18000 invalid, 19000 operation not allowed); parameter numbers
 * and English texts are the observed ones where §4.2 lists them (11009 "Language is missing.",
 * 11500 CUSTOMERID, 11506 REQUESTFINGERPRINT, 15300 ORDERIDENT, 18051 PAYMENTTYPE, …). Numbers in
 * the 6xx range are the emulator's own choice for parameters no source numbers. Every text
 * exists in English and German; German consumer texts use HTML numeric entities as the gateway
 * does (§4.2, "ung&#252;ltig").
 */
import type { GatewayErrorDetail } from '@qenta-seamless/server-helpers/protocol';

interface Parameter {
  /** How the English message names it (`Order number`, `PAYMENTTYPE`, as observed). */
  en: string;
  de: string;
}

/** Parameter numbers (code = base + number). */
export const PARAMETER_NUMBERS = {
  language: 9,
  orderNumber: 11,
  paymentNumber: 12,
  creditNumber: 13,
  amount: 17,
  currency: 19,
  orderDescription: 20,
  paymentType: 51,
  consumerUserAgent: 130,
  consumerIpAddress: 146,
  sourceOrderNumber: 159,
  fundTransferType: 216,
  orderIdent: 300,
  storageId: 302,
  customerId: 500,
  requestFingerprint: 506,
  // The emulator's own numbers from here on (no source documents them).
  shopId: 601,
  password: 602,
  requestFingerprintOrder: 603,
  returnUrl: 604,
  javascriptScriptVersion: 605,
  successUrl: 606,
  cancelUrl: 607,
  failureUrl: 608,
  serviceUrl: 609,
  confirmUrl: 610,
  pendingUrl: 611,
  autoDeposit: 612,
  duplicateRequestCheck: 613,
  transactionType: 614,
  bankCountry: 615,
  consumerEmail: 616,
  consumerWalletId: 617,
  bankAccountOwner: 618,
  bankBic: 619,
  bankAccountIban: 620,
  orderReference: 621,
  customerStatement: 622,
  financialInstitution: 623,
  windowName: 624,
  paymentInformation: 625,
  parameter: 626,
  transactionIdentifier: 627,
  basket: 628,
  consumerBirthDate: 629,
  operation: 630,
  iframeCssUrl: 631,
} as const;

/** A parameter with a number in the catalog. */
export type CatalogParameter = keyof typeof PARAMETER_NUMBERS;

const PARAMETERS: Record<CatalogParameter, Parameter> = {
  language: { en: 'Language', de: 'Sprache' },
  orderNumber: { en: 'Order number', de: 'Bestellnummer' },
  paymentNumber: { en: 'Payment number', de: 'Zahlungsnummer' },
  creditNumber: { en: 'Credit number', de: 'Gutschriftsnummer' },
  amount: { en: 'Amount', de: 'Betrag' },
  currency: { en: 'Currency', de: 'W&#228;hrung' },
  orderDescription: { en: 'Order description', de: 'Bestellbeschreibung' },
  paymentType: { en: 'PAYMENTTYPE', de: 'PAYMENTTYPE' },
  consumerUserAgent: { en: 'USER_AGENT', de: 'USER_AGENT' },
  consumerIpAddress: { en: 'IP-Address', de: 'IP-Adresse' },
  sourceOrderNumber: { en: 'Source ORDERNUMBER', de: 'Ursprungsbestellnummer' },
  fundTransferType: { en: 'FUNDTRANSFERTYPE', de: 'FUNDTRANSFERTYPE' },
  orderIdent: { en: 'ORDERIDENT', de: 'ORDERIDENT' },
  storageId: { en: 'STORAGEID', de: 'STORAGEID' },
  customerId: { en: 'CUSTOMERID', de: 'CUSTOMERID' },
  requestFingerprint: { en: 'REQUESTFINGERPRINT', de: 'REQUESTFINGERPRINT' },
  shopId: { en: 'SHOPID', de: 'SHOPID' },
  password: { en: 'PASSWORD', de: 'PASSWORD' },
  requestFingerprintOrder: { en: 'REQUESTFINGERPRINTORDER', de: 'REQUESTFINGERPRINTORDER' },
  returnUrl: { en: 'RETURNURL', de: 'RETURNURL' },
  javascriptScriptVersion: { en: 'JAVASCRIPTSCRIPTVERSION', de: 'JAVASCRIPTSCRIPTVERSION' },
  successUrl: { en: 'SUCCESSURL', de: 'SUCCESSURL' },
  cancelUrl: { en: 'CANCELURL', de: 'CANCELURL' },
  failureUrl: { en: 'FAILUREURL', de: 'FAILUREURL' },
  serviceUrl: { en: 'SERVICEURL', de: 'SERVICEURL' },
  confirmUrl: { en: 'CONFIRMURL', de: 'CONFIRMURL' },
  pendingUrl: { en: 'PENDINGURL', de: 'PENDINGURL' },
  autoDeposit: { en: 'AUTODEPOSIT', de: 'AUTODEPOSIT' },
  duplicateRequestCheck: { en: 'Request', de: 'Anfrage' },
  transactionType: { en: 'TRANSACTIONTYPE', de: 'TRANSACTIONTYPE' },
  bankCountry: { en: 'BANKCOUNTRY', de: 'BANKCOUNTRY' },
  consumerEmail: { en: 'CONSUMEREMAIL', de: 'E-Mail-Adresse' },
  consumerWalletId: { en: 'CONSUMERWALLETID', de: 'CONSUMERWALLETID' },
  bankAccountOwner: { en: 'BANKACCOUNTOWNER', de: 'Kontoinhaber' },
  bankBic: { en: 'BANKBIC', de: 'BIC' },
  bankAccountIban: { en: 'BANKACCOUNTIBAN', de: 'IBAN' },
  orderReference: { en: 'ORDERREFERENCE', de: 'ORDERREFERENCE' },
  customerStatement: { en: 'CUSTOMERSTATEMENT', de: 'CUSTOMERSTATEMENT' },
  financialInstitution: { en: 'FINANCIALINSTITUTION', de: 'Bank' },
  windowName: { en: 'WINDOWNAME', de: 'WINDOWNAME' },
  paymentInformation: { en: 'Payment information', de: 'Zahlungsdaten' },
  parameter: { en: 'Parameter', de: 'Parameter' },
  transactionIdentifier: { en: 'TRANSACTIONIDENTIFIER', de: 'TRANSACTIONIDENTIFIER' },
  basket: { en: 'Basket', de: 'Warenkorb' },
  consumerBirthDate: { en: 'CONSUMERBIRTHDATE', de: 'Geburtsdatum' },
  operation: { en: 'Operation', de: 'Operation' },
  iframeCssUrl: { en: 'IFRAMECSSURL', de: 'IFRAMECSSURL' },
};

/** The bases of §4.2 the emulator emits. */
export const ERROR_BASES = {
  missing: 11000,
  alreadyUsed: 13000,
  notAllowed: 14000,
  length: 15000,
  format: 16000,
  numeric: 17000,
  invalid: 18000,
  operationDenied: 19000,
} as const;

/** A kind of error; see {@link ERROR_BASES}. */
export type ErrorKind = keyof typeof ERROR_BASES;

const TEMPLATES: Record<number, { en: string; de: string }> = {
  11000: { en: '{0} is missing.', de: '{0} fehlt.' },
  13000: { en: '{0} has already been used.', de: '{0} wurde bereits verwendet.' },
  14000: {
    en: '{0} is not allowed for this operation.',
    de: '{0} ist f&#252;r diese Operation nicht erlaubt.',
  },
  15000: { en: '{0} has an invalid length.', de: '{0} hat eine ung&#252;ltige L&#228;nge.' },
  16000: { en: '{0} has an invalid format.', de: '{0} hat ein ung&#252;ltiges Format.' },
  17000: { en: '{0} must be numeric.', de: '{0} muss numerisch sein.' },
  18000: { en: '{0} is invalid.', de: '{0} ist ung&#252;ltig.' },
  19000: {
    en: 'The operation is not allowed for this {0}.',
    de: 'Die Operation ist f&#252;r diese(n) {0} nicht erlaubt.',
  },
};

/** Codes whose text does not follow the template of their base. */
const SPECIAL: Record<string, { en: string; de: string }> = {
  // The one "language" text observed starts with a capital and no upper-case name (§4.2).
  '11009': { en: 'Language is missing.', de: 'Sprache fehlt.' },
  '13613': {
    en: 'This request has already been processed.',
    de: 'Diese Anfrage wurde bereits verarbeitet.',
  },
  '19017': {
    en: 'The amount exceeds the amount available for this operation.',
    de: 'Der Betrag &#252;bersteigt den f&#252;r diese Operation verf&#252;gbaren Betrag.',
  },
  '19011': {
    en: 'The operation is not allowed in the current state of the order.',
    de: 'Die Operation ist im aktuellen Zustand der Bestellung nicht erlaubt.',
  },
  '19012': {
    en: 'The operation is not allowed in the current state of the payment.',
    de: 'Die Operation ist im aktuellen Zustand der Zahlung nicht erlaubt.',
  },
  '19013': {
    en: 'The operation is not allowed in the current state of the credit.',
    de: 'Die Operation ist im aktuellen Zustand der Gutschrift nicht erlaubt.',
  },
  '15626': {
    en: 'A parameter name or value has an invalid length, or there are too many parameters.',
    de: 'Ein Parametername oder -wert hat eine ung&#252;ltige L&#228;nge, oder es gibt zu viele Parameter.',
  },
  '18626': {
    en: 'A parameter occurs more than once.',
    de: 'Ein Parameter kommt mehrfach vor.',
  },
  '18630': { en: 'Operation is unknown.', de: 'Unbekannte Operation.' },
};

/**
 * The code for a kind of error on a parameter.
 *
 * @example
 * ```ts
 * errorCode('missing', 'amount'); // '11017'
 * errorCode('invalid', 'requestFingerprint'); // '18506'
 * ```
 */
export function errorCode(kind: ErrorKind, parameter: CatalogParameter): string {
  return String(ERROR_BASES[kind] + PARAMETER_NUMBERS[parameter]);
}

/**
 * An error detail in the gateway's shape for a code, with `consumerMessage` in `language`
 * (German for `de`, English otherwise; `message` is always English, §4.2). Codes outside the
 * catalog keep their base's template with `args.parameter` (or "Parameter") as the name, so the
 * browser side may emit its own parameter numbers through the same function.
 *
 * @example
 * ```ts
 * gatewayError('18051', 'de');
 * // { errorCode: '18051', message: 'PAYMENTTYPE is invalid.',
 * //   consumerMessage: 'PAYMENTTYPE ist ung&#252;ltig.' }
 * ```
 */
export function gatewayError(
  code: string,
  language: string,
  args: Readonly<Record<string, string>> = {},
): GatewayErrorDetail {
  const german = language.toLowerCase() === 'de';
  const special = SPECIAL[code];
  if (special !== undefined) {
    return {
      errorCode: code,
      message: special.en,
      consumerMessage: german ? special.de : special.en,
    };
  }
  const numeric = Number(code);
  const base = Math.floor(numeric / 1000) * 1000;
  const template = TEMPLATES[base] ?? TEMPLATES[18000];
  const number = numeric - base;
  const known = (Object.keys(PARAMETER_NUMBERS) as CatalogParameter[]).find(
    (name) => PARAMETER_NUMBERS[name] === number,
  );
  const parameter: Parameter =
    known !== undefined
      ? PARAMETERS[known]
      : { en: args.parameter ?? 'Parameter', de: args.parameter ?? 'Parameter' };
  const english = template?.en.replace('{0}', parameter.en) ?? `Error ${code}.`;
  const localised = german ? (template?.de.replace('{0}', parameter.de) ?? english) : english;
  return { errorCode: code, message: english, consumerMessage: localised };
}

/**
 * Shorthand: the detail for a kind of error on a parameter.
 *
 * @example
 * ```ts
 * parameterError('missing', 'orderNumber', 'en').message; // 'Order number is missing.'
 * ```
 */
export function parameterError(
  kind: ErrorKind,
  parameter: CatalogParameter,
  language: string,
): GatewayErrorDetail {
  return gatewayError(errorCode(kind, parameter), language);
}
