/**
 * `@qenta-seamless/server-helpers/testing`: helpers for a shop's own tests. Not for production:
 * only the gateway should ever sign confirmations.
 */
import { computeFingerprint, type FingerprintAlgorithm, SECRET_NAME } from './fingerprint.ts';
import { encodeForm } from './form.ts';

/** Options of {@link signTestConfirmation}. */
export interface SignTestConfirmationOptions {
  secret: string;
  /** Defaults to `hmac-sha512`. */
  algorithm?: FingerprintAlgorithm;
  /**
   * The names to sign, in order. Defaults to every given field in the order given, then
   * `secret`, then `responseFingerprintOrder` (the gateway's shape, qenta-protocol §2.6).
   */
  order?: readonly string[];
}

/**
 * Signs confirm fields the way the gateway does and returns the form body a confirm handler
 * receives: the fields, `responseFingerprintOrder` and `responseFingerprint`.
 *
 * @example
 * ```ts
 * const body = signTestConfirmation(
 *   { paymentState: 'SUCCESS', orderNumber: '5472113', amount: '12.50', currency: 'EUR', paymentType: 'CCARD' },
 *   { secret: 'B8AKTPWBRMNBV455FG6M2DANE99WU2' },
 * );
 * await fetch('http://127.0.0.1:3000/qenta/confirm', {
 *   method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body,
 * });
 * ```
 */
export function signTestConfirmation(
  fields: Readonly<Record<string, string | undefined>>,
  options: SignTestConfirmationOptions,
): string {
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && name !== 'responseFingerprint') sent[name] = value;
  }
  delete sent.responseFingerprintOrder;
  const order = options.order ?? [...Object.keys(sent), SECRET_NAME, 'responseFingerprintOrder'];
  sent.responseFingerprintOrder = order.join(',');
  sent.responseFingerprint = computeFingerprint(sent, order, options.secret, {
    ...(options.algorithm !== undefined && { algorithm: options.algorithm }),
  });
  return encodeForm(sent);
}
