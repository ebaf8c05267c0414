/**
 * The confirmation verifier a shop developer writes by hand from the gateway's docs
 * (qenta-protocol §5): parse the body with `URLSearchParams`, rebuild the message from
 * `responseFingerprintOrder` (the secret in its place), HMAC-SHA512 it with the secret and
 * compare with `timingSafeEqual`. It is the fair baseline of `verifyConfirmation` (figures 4 and
 * 5): it does the least any verifier must do, and none of the checks ours adds (order coverage,
 * repeated names, field formats, a typed result).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verifies a confirmation body; returns the parsed fields, or undefined when it does not match.
 *
 * @example
 * ```ts
 * const fields = verifyByHand(body, secret);
 * if (!fields) answerNok();
 * ```
 */
export function verifyByHand(body: string, secret: string): URLSearchParams | undefined {
  const fields = new URLSearchParams(body);
  const order = fields.get('responseFingerprintOrder');
  const fingerprint = fields.get('responseFingerprint');
  if (!order || !fingerprint) return undefined;
  let message = '';
  for (const name of order.split(',')) {
    message += name === 'secret' ? secret : (fields.get(name) ?? '');
  }
  const expected = createHmac('sha512', secret).update(message, 'utf8').digest();
  const given = Buffer.from(fingerprint, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? fields : undefined;
}
