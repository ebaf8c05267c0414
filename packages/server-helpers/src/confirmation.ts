/**
 * Verifying the gateway's confirm POST (qenta-protocol §2.6, §5.1, §5.2). This is a hot path
 * (every confirmation, benchmarked against a bare HMAC), so it parses by hand instead of with
 * zod and builds the fingerprint message in one pass.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { parseErrorBlock } from './error-block.ts';
import { type GatewayErrorDetail, QentaError } from './errors.ts';
import type { FingerprintAlgorithm } from './fingerprint.ts';
import type { FormFields } from './form.ts';

/** A confirm body as a framework may hand it over. */
export type ConfirmationBody =
  | string
  | URLSearchParams
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Options of {@link verifyConfirmation}. */
export interface VerifyConfirmationOptions {
  secret: string;
  /** The merchant's algorithm; defaults to `hmac-sha512`. */
  algorithm?: FingerprintAlgorithm;
}

/**
 * The fields a SUCCESS or PENDING fingerprint must cover (design.md, "Decisions").
 *
 * @example
 * ```ts
 * REQUIRED_SIGNED_FIELDS.every((name) => order.includes(name));
 * ```
 */
export const REQUIRED_SIGNED_FIELDS = [
  'paymentState',
  'orderNumber',
  'amount',
  'currency',
  'paymentType',
] as const;

/**
 * A SUCCESS or PENDING confirmation whose fingerprint matched. Everything outside `untrusted`
 * was covered by the fingerprint.
 */
export interface VerifiedConfirmation {
  paymentState: 'SUCCESS' | 'PENDING';
  verified: true;
  orderNumber: string;
  amount: string;
  currency: string;
  paymentType: string;
  /** Every field named in `responseFingerprintOrder`, as received. */
  fields: Readonly<FormFields>;
  /** Fields the fingerprint did not cover: anyone could have added or changed them. */
  untrusted: Readonly<FormFields>;
}

/** A CANCEL confirmation: carries no fingerprint, so it proves nothing. */
export interface CancelConfirmation {
  paymentState: 'CANCEL';
  verified: false;
  untrusted: Readonly<FormFields>;
}

/** A FAILURE confirmation: carries no fingerprint, so it proves nothing; with its error list. */
export interface FailureConfirmation {
  paymentState: 'FAILURE';
  verified: false;
  errors: GatewayErrorDetail[];
  untrusted: Readonly<FormFields>;
}

/** What {@link verifyConfirmation} returns: a union on `paymentState`. */
export type Confirmation = VerifiedConfirmation | CancelConfirmation | FailureConfirmation;

/**
 * Verifies a confirm POST and returns it typed, or throws a `QentaError`:
 * `FINGERPRINT_MISSING` (SUCCESS/PENDING without `responseFingerprint`),
 * `FINGERPRINT_ORDER_INCOMPLETE` (order absent, without `secret`, or not covering
 * `paymentState, orderNumber, amount, currency, paymentType`), `FINGERPRINT_MISMATCH`
 * (fixed message), `INVALID_CONFIRMATION` (unknown state, repeated field, unusable body).
 *
 * @example
 * ```ts
 * const confirmation = verifyConfirmation(await request.text(), { secret: process.env.QENTA_SECRET! });
 * if (confirmation.verified) await markPaid(confirmation.orderNumber, confirmation.amount);
 * ```
 */
export function verifyConfirmation(
  body: ConfirmationBody,
  options: VerifyConfirmationOptions,
): Confirmation {
  if (typeof options?.secret !== 'string' || options.secret === '') {
    throw new QentaError('INVALID_INPUT', 'verifyConfirmation needs a non-empty secret', {
      issues: [{ path: 'secret', message: 'must not be empty' }],
    });
  }
  const fields = readBody(body);
  const paymentState = own(fields, 'paymentState');
  if (paymentState === 'CANCEL') return { paymentState, verified: false, untrusted: fields };
  if (paymentState === 'FAILURE') {
    return { paymentState, verified: false, errors: parseErrorBlock(fields), untrusted: fields };
  }
  if (paymentState !== 'SUCCESS' && paymentState !== 'PENDING') {
    throw new QentaError(
      'INVALID_CONFIRMATION',
      'The confirmation has no known paymentState (SUCCESS, PENDING, CANCEL, FAILURE)',
    );
  }
  const fingerprint = own(fields, 'responseFingerprint');
  if (fingerprint === undefined || fingerprint === '') {
    throw new QentaError(
      'FINGERPRINT_MISSING',
      `A ${paymentState} confirmation needs a fingerprint`,
    );
  }
  const orderText = own(fields, 'responseFingerprintOrder');
  if (orderText === undefined) {
    throw new QentaError(
      'FINGERPRINT_ORDER_INCOMPLETE',
      'The confirmation has no responseFingerprintOrder',
    );
  }
  const order = splitOrder(orderText);
  const { message, signed, hasSecret } = buildMessage(fields, order, options.secret);
  // Trusting a signature over the wrong fields is worse than none: the order must put the
  // secret in and cover what the shop acts on (qenta-protocol §2.6, §5.2).
  if (
    !hasSecret ||
    signed.paymentState === undefined ||
    signed.orderNumber === undefined ||
    signed.amount === undefined ||
    signed.currency === undefined ||
    signed.paymentType === undefined
  ) {
    const missing = [
      ...(hasSecret ? [] : ['secret']),
      ...REQUIRED_SIGNED_FIELDS.filter((name) => !Object.hasOwn(signed, name)),
    ];
    throw new QentaError(
      'FINGERPRINT_ORDER_INCOMPLETE',
      `The confirmation's fingerprint does not cover: ${missing.join(', ')}`,
    );
  }
  const algorithm = options.algorithm ?? 'hmac-sha512';
  const digest = (
    algorithm === 'sha512' ? createHash('sha512') : createHmac('sha512', options.secret)
  )
    .update(message, 'utf8')
    .digest();
  // Buffer.from stops at the first non-hex pair, so a 128-character string that decodes to 64
  // bytes is exactly 128 hex digits (either case); cheaper than a regular expression here.
  const received = fingerprint.length === 128 ? Buffer.from(fingerprint, 'hex') : undefined;
  if (received?.length !== 64 || !timingSafeEqual(digest, received)) {
    throw new QentaError('FINGERPRINT_MISMATCH', 'The confirmation fingerprint does not match');
  }
  const untrusted: FormFields = {};
  for (const name of Object.keys(fields)) {
    if (name !== 'responseFingerprint' && !Object.hasOwn(signed, name)) {
      put(untrusted, name, fields[name] as string);
    }
  }
  return {
    paymentState,
    verified: true,
    orderNumber: signed.orderNumber as string,
    amount: signed.amount as string,
    currency: signed.currency as string,
    paymentType: signed.paymentType as string,
    fields: signed,
    untrusted,
  };
}

/**
 * Concatenates the values in `order` (§2.1) and collects the signed fields. A name is looked up
 * exactly first, then without regard to case like the official validator (§2.1 step 6); a
 * required field that is named but absent or empty is not counted as signed.
 */
function buildMessage(
  fields: FormFields,
  order: readonly string[],
  secret: string,
): { message: string; signed: FormFields; hasSecret: boolean } {
  const signed: FormFields = {};
  let message = '';
  let hasSecret = false;
  let lowerCased: Map<string, [string, string]> | undefined;
  for (const name of order) {
    if (name === 'secret') {
      message += secret;
      hasSecret = true;
      continue;
    }
    let key: string | undefined = Object.hasOwn(fields, name) ? name : undefined;
    if (key === undefined) {
      lowerCased ??= lowerCaseIndex(fields);
      key = lowerCased.get(name.toLowerCase())?.[0];
    }
    if (key === undefined) continue;
    const value = fields[key] as string;
    message += value;
    if (value !== '' || !isRequired(name)) put(signed, key, value);
  }
  return { message, signed, hasSecret };
}

function isRequired(name: string): boolean {
  switch (name) {
    case 'paymentState':
    case 'orderNumber':
    case 'amount':
    case 'currency':
    case 'paymentType':
      return true;
    default:
      return false;
  }
}

function lowerCaseIndex(fields: FormFields): Map<string, [string, string]> {
  const index = new Map<string, [string, string]>();
  for (const [name, value] of Object.entries(fields)) {
    const key = name.toLowerCase();
    if (!index.has(key)) index.set(key, [name, value]);
  }
  return index;
}

function splitOrder(text: string): string[] {
  const names: string[] = [];
  for (const part of text.split(',')) {
    // Names are plain identifiers; trim only when an edge is whitespace (§2.1 step 6).
    const name =
      part.length > 0 && part.charCodeAt(0) > 32 && part.charCodeAt(part.length - 1) > 32
        ? part
        : part.trim();
    if (name !== '') names.push(name);
  }
  return names;
}

// A field named `__proto__` is data like any other, not a prototype.
function put(fields: FormFields, name: string, value: string): void {
  if (name === '__proto__') {
    Object.defineProperty(fields, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    fields[name] = value;
  }
}

function own(fields: FormFields, name: string): string | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

/**
 * Reads any accepted body shape into one object with null prototype semantics avoided
 * (`Object.hasOwn` everywhere) and refuses a field sent twice: with two values the shop and the
 * fingerprint might read different ones.
 */
function readBody(body: ConfirmationBody): FormFields {
  if (typeof body === 'string') return decodeStrict(body);
  if (body instanceof URLSearchParams) {
    const fields: FormFields = {};
    for (const [name, value] of body) {
      if (Object.hasOwn(fields, name)) throw duplicate(name);
      put(fields, name, value);
    }
    return fields;
  }
  if (typeof body !== 'object' || body === null) {
    throw new QentaError(
      'INVALID_CONFIRMATION',
      'The confirmation body must be a string, URLSearchParams or a record of strings',
    );
  }
  const fields: FormFields = {};
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (typeof value === 'string') {
      put(fields, name, value);
    } else if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') {
      put(fields, name, value[0]);
    } else if (Array.isArray(value)) {
      throw duplicate(name);
    } else {
      throw new QentaError(
        'INVALID_CONFIRMATION',
        `The confirmation field ${safeName(name)} is not a string`,
      );
    }
  }
  return fields;
}

function decodeStrict(body: string): FormFields {
  const fields: FormFields = {};
  const length = body.length;
  // Track the next escape of each kind once for the whole body instead of searching every
  // name and value: most of them need no decoding.
  let nextPercent = body.indexOf('%');
  let nextPlus = body.indexOf('+');
  let start = 0;
  while (start < length) {
    let end = body.indexOf('&', start);
    if (end === -1) end = length;
    if (end > start) {
      if (nextPercent !== -1 && nextPercent < start) nextPercent = body.indexOf('%', start);
      if (nextPlus !== -1 && nextPlus < start) nextPlus = body.indexOf('+', start);
      const escaped =
        (nextPercent !== -1 && nextPercent < end) || (nextPlus !== -1 && nextPlus < end);
      let eq = body.indexOf('=', start);
      if (eq === -1 || eq > end) eq = end;
      let name = body.slice(start, eq);
      let value = eq === end ? '' : body.slice(eq + 1, end);
      if (escaped) {
        name = decode(name);
        value = decode(value);
      }
      if (Object.hasOwn(fields, name)) throw duplicate(name);
      put(fields, name, value);
    }
    start = end + 1;
  }
  return fields;
}

function decode(raw: string): string {
  const spaced = raw.indexOf('+') === -1 ? raw : raw.replaceAll('+', ' ');
  if (spaced.indexOf('%') === -1) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

function duplicate(name: string): QentaError {
  return new QentaError(
    'INVALID_CONFIRMATION',
    `The confirmation repeats the field ${safeName(name)}`,
  );
}

// Field names come from the sender; keep what goes into a message short and printable.
function safeName(name: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(name) ? name : '(unprintable name)';
}
