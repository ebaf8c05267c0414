import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a merchant's fingerprints are computed (qenta-protocol §2.1): `hmac-sha512` (current,
 * keyed by the secret, the secret also inside the message) or `sha512` (legacy Wirecard-era
 * merchants: plain SHA-512 of the message).
 */
export type FingerprintAlgorithm = 'hmac-sha512' | 'sha512';

/** Options of {@link computeFingerprint} and {@link verifyFingerprint}. */
export interface FingerprintOptions {
  /** Defaults to `hmac-sha512`. */
  algorithm?: FingerprintAlgorithm;
}

/** The pseudo-name in a fingerprint order that stands for the merchant secret. */
export const SECRET_NAME = 'secret';

type FingerprintValues = Readonly<Record<string, string | undefined>>;

/**
 * Concatenates, without separators, the value of every name in `order` (`secret` → the secret;
 * absent → ''). Names are looked up exactly first, then case-insensitively, as the official
 * validator does (§2.1 step 6).
 *
 * @example
 * ```ts
 * fingerprintMessage({ customerId: 'D200001', storageId: 'ab' }, ['customerId', 'storageId', 'secret'], 's3cr3t');
 * // 'D200001abs3cr3t'
 * ```
 */
export function fingerprintMessage(
  values: FingerprintValues,
  order: readonly string[],
  secret: string,
): string {
  let lowerCased: Map<string, string> | undefined;
  let message = '';
  for (const name of order) {
    if (name === SECRET_NAME) {
      message += secret;
      continue;
    }
    const exact = Object.hasOwn(values, name) ? values[name] : undefined;
    if (exact !== undefined) {
      message += exact;
      continue;
    }
    lowerCased ??= lowerCaseIndex(values);
    message += lowerCased.get(name.toLowerCase()) ?? '';
  }
  return message;
}

/**
 * Computes a request or response fingerprint: 128 lowercase hex characters.
 *
 * @example
 * ```ts
 * const requestFingerprint = computeFingerprint(
 *   { customerId: 'D200001', shopId: 'qmore', storageId },
 *   ['customerId', 'shopId', 'storageId', 'secret'],
 *   process.env.QENTA_SECRET!,
 * );
 * ```
 */
export function computeFingerprint(
  values: FingerprintValues,
  order: readonly string[],
  secret: string,
  options: FingerprintOptions = {},
): string {
  if (secret === '') throw new TypeError('A fingerprint needs a non-empty secret.');
  const message = fingerprintMessage(values, order, secret);
  return digestMessage(message, secret, options.algorithm ?? 'hmac-sha512');
}

/**
 * Digests an already concatenated message with the merchant's algorithm.
 *
 * @example
 * ```ts
 * digestMessage('D200001qmore…secret', secret, 'hmac-sha512');
 * ```
 */
export function digestMessage(
  message: string,
  secret: string,
  algorithm: FingerprintAlgorithm,
): string {
  const hash = algorithm === 'sha512' ? createHash('sha512') : createHmac('sha512', secret);
  return hash.update(message, 'utf8').digest('hex');
}

/**
 * Checks a received fingerprint in constant time. Either hex case is accepted; anything that is
 * not 128 hex characters is simply not a match, and neither is an order that names a field twice
 * (checked before any message is built; see {@link checkFingerprintOrder}).
 *
 * @example
 * ```ts
 * verifyFingerprint(fields, order, secret, fields.responseFingerprint ?? ''); // true or false
 * ```
 */
export function verifyFingerprint(
  values: FingerprintValues,
  order: readonly string[],
  secret: string,
  fingerprint: string,
  options: FingerprintOptions = {},
): boolean {
  if (!/^[0-9a-fA-F]{128}$/.test(fingerprint)) return false;
  // A repeated name would make the message a multiple of the body (see checkFingerprintOrder);
  // such an order never verifies, and is refused before the message is built.
  if (new Set(order.map((name) => name.toLowerCase())).size !== order.length) return false;
  const expected = Buffer.from(computeFingerprint(values, order, secret, options), 'hex');
  return timingSafeEqual(expected, Buffer.from(fingerprint, 'hex'));
}

/**
 * Splits a `requestFingerprintOrder` / `responseFingerprintOrder` value into names: comma
 * separated, each trimmed, empty entries dropped (§2.1 step 6).
 *
 * @example
 * ```ts
 * parseFingerprintOrder('amount, currency,secret,'); // ['amount', 'currency', 'secret']
 * ```
 */
export function parseFingerprintOrder(order: string): string[] {
  return order
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * Why {@link checkFingerprintOrder} refused an order: a name listed twice (compared without
 * regard to case, since lookup falls back to that), or more names than the body has fields.
 *
 * @example
 * ```ts
 * const problem: FingerprintOrderProblem = 'repeated-name';
 * ```
 */
export type FingerprintOrderProblem = 'repeated-name' | 'too-many-names';

/**
 * What {@link checkFingerprintOrder} found: the names, or why the order is refused.
 *
 * @example
 * ```ts
 * const check: FingerprintOrderCheck = checkFingerprintOrder('amount,secret', 1);
 * if (check.ok) check.names; // ['amount', 'secret']
 * ```
 */
export type FingerprintOrderCheck =
  | { ok: true; names: string[] }
  | { ok: false; problem: FingerprintOrderProblem };

/**
 * Splits a sender-supplied fingerprint order like {@link parseFingerprintOrder}, but refuses
 * one that names a field twice or names more fields than the body has (`secret`, which is no
 * field, aside). Call it before building any fingerprint message: the message is the
 * concatenation of the named values, so a repeated name multiplies a body's size (one 5 000
 * character field listed 100 000 times is a 500 MB string). With distinct names the message is
 * at most the body plus the secret. The scan stops at the first problem, so its cost is linear
 * in the order's length whatever it contains.
 *
 * @param order - the raw `requestFingerprintOrder` / `responseFingerprintOrder` value.
 * @param fieldCount - how many fields (name=value pairs) the body has, the order included.
 *
 * @example
 * ```ts
 * const decoded = decodeForm(body);
 * const order = checkFingerprintOrder(decoded.fields.responseFingerprintOrder ?? '', decoded.count);
 * if (!order.ok) return refuse(order.problem); // 'repeated-name' | 'too-many-names'
 * verifyFingerprint(decoded.fields, order.names, secret, fingerprint);
 * ```
 */
export function checkFingerprintOrder(order: string, fieldCount: number): FingerprintOrderCheck {
  const names: string[] = [];
  const seen = new Set<string>();
  let fields = 0;
  let start = 0;
  while (start <= order.length) {
    let end = order.indexOf(',', start);
    if (end === -1) end = order.length;
    const name = order.slice(start, end).trim();
    start = end + 1;
    if (name === '') continue;
    const key = name.toLowerCase();
    if (seen.has(key)) return { ok: false, problem: 'repeated-name' };
    seen.add(key);
    if (name !== SECRET_NAME && ++fields > fieldCount)
      return { ok: false, problem: 'too-many-names' };
    names.push(name);
  }
  return { ok: true, names };
}

function lowerCaseIndex(values: FingerprintValues): Map<string, string> {
  const index = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) {
    const key = name.toLowerCase();
    if (value !== undefined && !index.has(key)) index.set(key, value);
  }
  return index;
}
