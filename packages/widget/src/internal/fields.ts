/**
 * The fields each payment type collects in classic mode (qenta-protocol §6.3, wire names as keys),
 * the gateway method that stores them (§6.2), and the client-side checks run before any call.
 * The card types' fields and methods are built in, so the skeleton renders and typing starts at
 * once; their checks, formatting and brand detection live in `card-types.ts` and the bank and
 * voucher types in `bank-fields.ts`, both loaded when used, which keeps the first load inside
 * its size budget.
 */

import type { Strings } from '../locales/en.ts';
import type { CardBrand } from './card.ts';

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
  numeric: boolean;
  optional: boolean;
  maxlength: number;
  /** Narrow inputs share a row. */
  narrow: boolean;
}

/** A problem found on one field: the string to show (already filled in). */
export type FieldProblems = Partial<Record<string, string>>;

/** What the checks of a type get. */
export interface CheckContext {
  /** A field's trimmed value. */
  value: (key: string) => string;
  problems: FieldProblems;
  strings: Strings;
  now: Date;
  testMode: boolean;
}

/** Everything the element needs to know about one payment type. */
export interface TypeSpec {
  /** The `store…` method of the gateway data storage (§6.2). */
  method: string;
  /** The `buildIframe…` method for pci3 mode (card types only, §6.5). */
  frame?: string;
  fields: readonly FieldSpec[];
  /** Type-specific checks after the "missing" check. */
  check(context: CheckContext): void;
  /** Type-specific clean-up of the data sent to the gateway. */
  normalize(info: Record<string, string>): void;
  /** Display formatting while typing, per field key. */
  format?: Readonly<Record<string, (value: string) => string>>;
  /** English defaults of the strings only this type uses (lazily loaded types, see `Strings`). */
  strings?: Readonly<Record<string, string>>;
  /** The card brand a (possibly masked) number belongs to, for the brand icon (card types). */
  brand?(number: string, testMode: boolean): CardBrand | undefined;
}

/** What a type does beyond its fields and methods: the part loaded on demand. */
export type TypeBehaviour = Pick<TypeSpec, 'check' | 'normalize' | 'format' | 'brand'>;

/**
 * One field from a compact description (the tables are part of the element's size budget):
 * flags `n` numeric, `o` optional, `w` narrow.
 *
 * @example
 * ```ts
 * spec('pan', 'cc-number', 23, 'n');
 * ```
 */
export function spec(
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

const CARD_FIELDS: readonly FieldSpec[] = [
  spec('pan', 'cc-number', 23, 'n'),
  spec('expirationMonth', 'cc-exp-month', 2, 'nw'),
  spec('expirationYear', 'cc-exp-year', 4, 'nw'),
  spec('cardverifycode', 'cc-csc', 4, 'nw'),
  spec('cardholdername', 'cc-name', 30),
];

/** The card types' gateway methods: store (§6.2) and iframe (§6.5). */
const CARD_METHODS: Readonly<Record<string, readonly [store: string, frame: string]>> = {
  CCARD: ['storeCreditCardInformation', 'buildIframeCreditCard'],
  'CCARD-MOTO': ['storeCreditCardMotoInformation', 'buildIframeCreditCardMoto'],
  MAESTRO: ['storeMaestroInformation', 'buildIframeMaestro'],
};

/**
 * Whether a type is one of the built-in card types.
 *
 * @example
 * ```ts
 * isCardType('MAESTRO'); // true
 * ```
 */
export function isCardType(type: string | undefined): boolean {
  return Object.hasOwn(CARD_METHODS, type ?? '');
}

/**
 * The fields the element renders for a type before its description has loaded: the card fields
 * for card types (the bank types render once `bank-fields.ts` is there).
 *
 * @example
 * ```ts
 * builtInFields('CCARD')[0].key; // 'pan'
 * ```
 */
export function builtInFields(type: string | undefined): readonly FieldSpec[] {
  return isCardType(type) ? CARD_FIELDS : [];
}

/**
 * The payment type for an attribute value (upper-cased; {@link typeSpec} decides whether it is
 * supported).
 *
 * @example
 * ```ts
 * paymentTypeOf('sepa-dd'); // 'SEPA-DD'
 * ```
 */
export function paymentTypeOf(value: string | undefined): PaymentType {
  return (value || 'CCARD').toUpperCase() as PaymentType;
}

/**
 * The description of a type: card types at once, the others from their lazily loaded module;
 * undefined for a type the element does not support.
 *
 * @example
 * ```ts
 * const sepa = await typeSpec('SEPA-DD');
 * ```
 */
export async function typeSpec(type: PaymentType): Promise<TypeSpec | undefined> {
  const card = CARD_METHODS[type];
  if (!card) return (await import('./bank-fields.ts')).BANK_TYPES[type];
  const { CARD_BEHAVIOUR } = await import('./card-types.ts');
  return { method: card[0], frame: card[1], fields: CARD_FIELDS, ...CARD_BEHAVIOUR };
}

/**
 * Runs the client-side checks; the result maps field key (`expiry` for the month/year pair) to
 * the message to show. Empty when everything passes.
 *
 * @example
 * ```ts
 * checkFields(await typeSpec('CCARD'), { pan: '4111111111111112' }, { strings: en, now: new Date() }).pan; // en.invalidPan
 * ```
 */
export function checkFields(
  type: TypeSpec,
  values: Readonly<Record<string, string>>,
  options: { strings: Strings; now: Date; testMode?: boolean | undefined },
): FieldProblems {
  const problems: FieldProblems = {};
  const value = (key: string) => (values[key] ?? '').trim();
  for (const field of type.fields) {
    if (!field.optional && value(field.key) === '') problems[field.key] = options.strings.missing;
  }
  type.check({
    value,
    problems,
    strings: options.strings,
    now: options.now,
    testMode: Boolean(options.testMode),
  });
  return problems;
}

/**
 * The `paymentInformation` object passed to the gateway script (§6.3): digits only for numbers,
 * four-digit year, IBAN without spaces. It exists only for the duration of the store call.
 *
 * @example
 * ```ts
 * paymentInformation(await typeSpec('CCARD'), { pan: '4111 1111 1111 1111', expirationMonth: '1', expirationYear: '31' });
 * // { pan: '4111111111111111', expirationMonth: '01', expirationYear: '2031', ... }
 * ```
 */
export function paymentInformation(
  type: TypeSpec,
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  const info: Record<string, string> = {};
  for (const field of type.fields) {
    const raw = (values[field.key] ?? '').trim();
    // Digits only, as card.ts's digitsOf (not imported: card.ts belongs to the lazy card chunk).
    if (raw !== '') info[field.key] = field.numeric ? raw.replace(/\D+/g, '') : raw;
  }
  type.normalize(info);
  return info;
}
