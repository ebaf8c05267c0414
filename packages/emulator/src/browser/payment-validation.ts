/**
 * Store-time validation and anonymisation of payment data (qenta-protocol §6.3, §6.4, §10):
 * what the data-storage script and the SAQ-A iframe send is checked here, and only the
 * anonymised record ever leaves the emulator again.
 */
import type { GatewayErrorDetail } from '@qenta-seamless/server-helpers/protocol';
import { bicValid, cardBrand, ibanValid, luhnValid, maskIban, maskPan } from './card-checks.ts';
import { declineError, fieldError, type StoreField } from './store-errors.ts';
import { findTestCard } from './test-cards.ts';

/** Payment types the data storage accepts (§7.2). */
export const STORAGE_PAYMENT_TYPES = [
  'CCARD',
  'CCARD-MOTO',
  'MAESTRO',
  'SEPA-DD',
  'PBX',
  'GIROPAY',
  'VOUCHER',
] as const;

/** A payment type the data storage accepts. */
export type StoragePaymentType = (typeof STORAGE_PAYMENT_TYPES)[number];

/** The example shop's SEPA demo values (§8): accepted although they are no real IBAN / BIC. */
export const DEMO_IBAN = '1234123412341234';
export const DEMO_BIC = 'ABC1234567';

/** What {@link validatePaymentInformation} needs. */
export interface ValidationInput {
  paymentType: string;
  /** The consumer's data as the script sent it (§6.3 names). */
  fields: Readonly<Record<string, string | undefined>>;
  /** The storage's language, for `consumerMessage`. */
  language: string;
  /** Now, for the expiry check. */
  now: number;
}

/** The result: anonymised and full data, or the errors (never both). */
export type ValidationResult =
  | {
      ok: true;
      paymentType: StoragePaymentType;
      /** What read and the JS callback return (§6.4). */
      anonymized: Record<string, string>;
      /** What the payment step needs; never logged, never sent to a browser. */
      sensitive: Record<string, string>;
    }
  | { ok: false; errors: GatewayErrorDetail[] };

/**
 * Validates one store call and anonymises its data. All field problems are reported together.
 *
 * @example
 * ```ts
 * const result = validatePaymentInformation({
 *   paymentType: 'CCARD',
 *   fields: { pan: '9500000000000001', expirationMonth: '12', expirationYear: '2031', cardverifycode: '123' },
 *   language: 'en',
 *   now: Date.now(),
 * });
 * if (result.ok) result.anonymized.maskedPan; // '950000******0001'
 * ```
 */
export function validatePaymentInformation(input: ValidationInput): ValidationResult {
  const type = input.paymentType.trim().toUpperCase();
  if (type === '')
    return { ok: false, errors: [fieldError('paymentType', 'missing', input.language)] };
  if (!isStoragePaymentType(type)) {
    return { ok: false, errors: [fieldError('paymentType', 'invalid', input.language)] };
  }
  const problems = new Problems(input.language);
  const value = (name: string) => (input.fields[name] ?? '').trim();
  let result: { anonymized: Record<string, string>; sensitive: Record<string, string> };
  switch (type) {
    case 'CCARD':
    case 'CCARD-MOTO':
    case 'MAESTRO':
      result = checkCard(value, input.now, problems);
      break;
    case 'SEPA-DD':
      result = checkSepa(value, problems);
      break;
    case 'PBX':
      result = checkSimple(value, problems, 'payerPayboxNumber', /^\d{6,20}$/);
      break;
    case 'GIROPAY':
      result = checkGiropay(value, problems);
      break;
    case 'VOUCHER':
      result = checkSimple(value, problems, 'voucherId', /^[A-Za-z0-9-]{1,50}$/);
      break;
  }
  if (problems.errors.length > 0) return { ok: false, errors: problems.errors };
  return { ok: true, paymentType: type, ...result };
}

/**
 * True for the payment types the data storage holds.
 *
 * @example
 * ```ts
 * isStoragePaymentType('PAYPAL'); // false
 * ```
 */
export function isStoragePaymentType(type: string): type is StoragePaymentType {
  return (STORAGE_PAYMENT_TYPES as readonly string[]).includes(type);
}

class Problems {
  readonly errors: GatewayErrorDetail[] = [];
  readonly #language: string;
  constructor(language: string) {
    this.#language = language;
  }
  add(field: StoreField, kind: 'missing' | 'length' | 'format' | 'invalid'): void {
    this.errors.push(fieldError(field, kind, this.#language));
  }
  expired(): void {
    this.errors.push(declineError('expired', this.#language));
  }
}

type Read = (name: string) => string;

function checkCard(value: Read, now: number, problems: Problems) {
  const pan = value('pan').replaceAll(' ', '');
  const card = findTestCard(pan);
  const brand = card ?? cardBrand(pan);
  if (pan === '') problems.add('pan', 'missing');
  else if (!/^\d+$/.test(pan)) problems.add('pan', 'format');
  else if (pan.length < 13 || pan.length > 19) problems.add('pan', 'length');
  // Demo PANs fail Luhn and are accepted anyway (§6.4 NOTE, §11.13).
  else if ((!card?.demo && !luhnValid(pan)) || brand === undefined) problems.add('pan', 'invalid');

  const month = value('expirationMonth');
  let year = value('expirationYear');
  if (month === '' || year === '') problems.add('expiry', 'missing');
  else if (!/^\d{1,2}$/.test(month) || !/^(\d{2}|\d{4})$/.test(year) || +month < 1 || +month > 12) {
    problems.add('expiry', 'invalid');
  } else {
    // Docs say 2 digits, every example sends 4 (§12): accept both.
    if (year.length === 2) year = `20${year}`;
    const today = new Date(now);
    const current = today.getUTCFullYear() * 12 + today.getUTCMonth();
    if (Number(year) * 12 + Number(month) - 1 < current) problems.expired();
  }

  const cvc = value('cardverifycode') || value('cardVerifyCode');
  const cvcLength = cardBrand(pan)?.cvcLength ?? 3;
  if (cvc !== '' && !new RegExp(`^\\d{${cvcLength}}$`).test(cvc)) {
    problems.add('cardverifycode', 'format');
  }
  const holder = value('cardholdername');
  if (holder.length > 30) problems.add('cardholdername', 'length');
  // Issue fields only for a brand that uses them; other cards accept and ignore them, since
  // QENTA's own example shop sends 01/2013/1234 with every card (design.md "Decisions"; the
  // docs' 1-3 digits is UNCONFIRMED, qenta-protocol §6.3).
  if (cardBrand(pan)?.issueFields) checkIssueFields(value, problems);

  const mm = month.padStart(2, '0');
  const anonymized: Record<string, string> = {
    anonymousPan: pan.slice(-4),
    maskedPan: maskPan(pan),
    financialInstitution: brand?.financialInstitution ?? '',
    brand: brand?.brand ?? '',
    cardholdername: holder,
    expiry: `${mm}/${year}`,
  };
  const sensitive = { pan, expirationMonth: mm, expirationYear: year, cardholdername: holder };
  return { anonymized, sensitive };
}

function checkIssueFields(value: Read, problems: Problems): void {
  const issueNumber = value('issueNumber');
  if (issueNumber !== '' && !/^\d{1,3}$/.test(issueNumber)) problems.add('issueNumber', 'format');
  const issueMonth = value('issueMonth');
  const issueYear = value('issueYear');
  if (
    (issueMonth !== '' || issueYear !== '') &&
    (!/^\d{1,2}$/.test(issueMonth) || !/^(\d{2}|\d{4})$/.test(issueYear))
  ) {
    problems.add('issueDate', 'invalid');
  }
}

function checkSepa(value: Read, problems: Problems) {
  const owner = value('accountOwner');
  const iban = value('bankAccountIban').replaceAll(' ', '').toUpperCase();
  const bic = value('bankBic').toUpperCase();
  if (owner === '') problems.add('accountOwner', 'missing');
  if (iban === '') problems.add('bankAccountIban', 'missing');
  else if (iban.length > 34) problems.add('bankAccountIban', 'length');
  else if (iban !== DEMO_IBAN && !ibanValid(iban)) problems.add('bankAccountIban', 'invalid');
  // BIC is optional ("required only for Hobex", §6.3); checked when given.
  if (bic.length > 12) problems.add('bankBic', 'length');
  else if (bic !== '' && bic !== DEMO_BIC && !bicValid(bic)) problems.add('bankBic', 'invalid');
  const anonymized: Record<string, string> = {
    accountOwner: owner,
    bankAccountIban: maskIban(iban),
    bankBic: bic,
  };
  return { anonymized, sensitive: { accountOwner: owner, bankAccountIban: iban, bankBic: bic } };
}

function checkGiropay(value: Read, problems: Problems) {
  const account = value('bankAccount');
  const bankNumber = value('bankNumber');
  const owner = value('accountOwner');
  if (account === '') problems.add('bankAccount', 'missing');
  else if (!/^\d{1,10}$/.test(account)) problems.add('bankAccount', 'invalid');
  if (bankNumber === '') problems.add('bankNumber', 'missing');
  else if (!/^\d{8}$/.test(bankNumber)) problems.add('bankNumber', 'invalid');
  const anonymized = { accountOwner: owner, bankAccount: account, bankNumber };
  return { anonymized, sensitive: { ...anonymized } };
}

function checkSimple(
  value: Read,
  problems: Problems,
  field: 'payerPayboxNumber' | 'voucherId',
  pattern: RegExp,
) {
  const text = value(field);
  if (text === '') problems.add(field, 'missing');
  else if (!pattern.test(text)) problems.add(field, 'invalid');
  return { anonymized: { [field]: text }, sensitive: { [field]: text } };
}
