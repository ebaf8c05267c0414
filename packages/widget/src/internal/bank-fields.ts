/**
 * SEPA direct debit, paybox, giropay and voucher (qenta-protocol §6.3): loaded only when the
 * element's `payment-type` is one of them.
 */
// Only types from fields.ts: a runtime import would make bundlers put the shared code in an extra
// chunk that the main page has to load as well.
import type { CheckContext, FieldSpec, TypeSpec } from './fields.ts';
import { formatIban, ibanValid, normalizeIban } from './iban.ts';

function spec(
  key: FieldSpec['key'],
  autocomplete: string,
  maxlength: number,
  flags = '',
): FieldSpec {
  return {
    key,
    autocomplete,
    maxlength,
    numeric: flags.includes('n'),
    optional: flags.includes('o'),
    narrow: flags.includes('w'),
  };
}

function format(context: CheckContext, key: string, pattern: RegExp): void {
  const value = context.value(key);
  if (value !== '' && !pattern.test(value)) context.problems[key] = context.strings.invalidFormat;
}

const keep = (): void => undefined;

/** English defaults of the bank and voucher strings (merged under the language and overrides). */
const strings = {
  accountOwner: 'Account holder',
  bankAccountIban: 'IBAN',
  bankBic: 'BIC (optional)',
  payerPayboxNumber: 'paybox number',
  bankAccount: 'Account number',
  bankNumber: 'Bank code',
  voucherId: 'Voucher code',
  invalidIban: 'This IBAN is not valid.',
};

/**
 * The bank and voucher types.
 *
 * @example
 * ```ts
 * BANK_TYPES['SEPA-DD'].method; // 'storeSepaDdInformation'
 * ```
 */
export const BANK_TYPES: Readonly<Record<string, TypeSpec>> = {
  'SEPA-DD': {
    method: 'storeSepaDdInformation',
    strings,
    fields: [
      spec('accountOwner', 'name', 50),
      spec('bankAccountIban', 'off', 42),
      spec('bankBic', 'off', 12, 'o'),
    ],
    check(context) {
      const iban = context.value('bankAccountIban');
      if (iban !== '' && !ibanValid(iban))
        context.problems.bankAccountIban = context.strings.invalidIban ?? strings.invalidIban;
      // Shape only: the gateway decides on the BIC itself (it is "required only for Hobex", §6.3).
      format(context, 'bankBic', /^[A-Z0-9]{8}([A-Z0-9]{3})?$/i);
    },
    format: { bankAccountIban: formatIban },
    normalize(info) {
      if (info.bankAccountIban) info.bankAccountIban = normalizeIban(info.bankAccountIban);
      if (info.bankBic) info.bankBic = info.bankBic.toUpperCase();
    },
  },
  PBX: {
    method: 'storePayboxInformation',
    strings,
    fields: [spec('payerPayboxNumber', 'tel', 20, 'n')],
    check: (context) => format(context, 'payerPayboxNumber', /^\d{6,20}$/),
    normalize: keep,
  },
  GIROPAY: {
    method: 'storeGiropayInformation',
    strings,
    fields: [
      spec('accountOwner', 'name', 50, 'o'),
      spec('bankAccount', 'off', 10, 'n'),
      spec('bankNumber', 'off', 8, 'n'),
    ],
    check(context) {
      format(context, 'bankAccount', /^\d{1,10}$/);
      format(context, 'bankNumber', /^\d{8}$/);
    },
    normalize: keep,
  },
  VOUCHER: {
    method: 'storeVoucherInformation',
    strings,
    fields: [spec('voucherId', 'off', 50)],
    check: keep,
    normalize: keep,
  },
};
