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
 * not 128 hex characters is simply not a match.
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
  const expected = Buffer.from(computeFingerprint(values, order, secret, options), 'hex');
  if (!/^[0-9a-fA-F]{128}$/.test(fingerprint)) return false;
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

function lowerCaseIndex(values: FingerprintValues): Map<string, string> {
  const index = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) {
    const key = name.toLowerCase();
    if (value !== undefined && !index.has(key)) index.set(key, value);
  }
  return index;
}
