/**
 * Raw, signed frontend init requests (what a shop sends, built with the protocol primitives),
 * for the error cases the typed client refuses to send.
 */
import { computeFingerprint } from '@qenta-seamless/server-helpers/protocol';
import { DEMO } from './api.ts';

/** A complete, valid PAYPAL request for the demo shop, unsigned. */
export function paymentRequest(overrides: Record<string, string | undefined> = {}) {
  const fields: Record<string, string | undefined> = {
    customerId: DEMO.customerId,
    shopId: DEMO.shopId,
    language: 'en',
    paymentType: 'PAYPAL',
    amount: '12.50',
    currency: 'EUR',
    orderDescription: 'Order 42',
    successUrl: 'http://127.0.0.1:9/success',
    cancelUrl: 'http://127.0.0.1:9/cancel',
    failureUrl: 'http://127.0.0.1:9/failure',
    serviceUrl: 'http://127.0.0.1:9/service',
    confirmUrl: 'http://127.0.0.1:9/confirm',
    consumerIpAddress: '203.0.113.7',
    consumerUserAgent: 'node-test',
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Signs with an order of every field, then `secret` and `requestFingerprintOrder`. */
export function signPayment(
  fields: Record<string, string>,
  options: { order?: string[]; secret?: string; unsigned?: Record<string, string> } = {},
): Record<string, string> {
  const order = options.order ?? [...Object.keys(fields), 'secret', 'requestFingerprintOrder'];
  const signed = { ...fields, requestFingerprintOrder: order.join(',') };
  return {
    ...signed,
    requestFingerprint: computeFingerprint(signed, order, options.secret ?? DEMO.secret),
    ...options.unsigned,
  };
}
