/**
 * Helpers for the API tests: signed form posts with the protocol primitives, as a shop would
 * send them, against a running emulator.
 */
import {
  computeFingerprint,
  DATA_STORAGE_INIT_ORDER,
  DATA_STORAGE_READ_ORDER,
  decodeForm,
  encodeForm,
  type FormFields,
  parseErrorBlock,
} from '@qenta-seamless/server-helpers/protocol';
import { DEMO_MERCHANT } from '../../src/merchants.ts';

export const DEMO = {
  customerId: DEMO_MERCHANT.customerId,
  shopId: 'qmore',
  secret: DEMO_MERCHANT.secret,
  password: DEMO_MERCHANT.backendPassword,
} as const;

/** A raw POST; answers status, headers and the decoded body. */
export async function post(
  url: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' },
): Promise<{ status: number; text: string; fields: FormFields; contentType: string | null }> {
  const response = await fetch(url, { method: 'POST', body, headers });
  const text = await response.text();
  return {
    status: response.status,
    text,
    fields: decodeForm(text).fields,
    contentType: response.headers.get('content-type'),
  };
}

/** POSTs fields as a form. */
export function postForm(url: string, fields: Record<string, string | undefined>) {
  return post(url, encodeForm(fields));
}

/** The error codes of an answer, in order. */
export function errorCodes(fields: FormFields): string[] {
  return parseErrorBlock(fields).map((error) => error.errorCode);
}

/** Signs fields with an order and the demo secret (or another). */
export function sign(
  fields: Record<string, string>,
  order: readonly string[],
  secret: string = DEMO.secret,
  algorithm: 'hmac-sha512' | 'sha512' = 'hmac-sha512',
): Record<string, string> {
  return {
    ...fields,
    requestFingerprint: computeFingerprint(fields, order, secret, { algorithm }),
  };
}

/** A signed data storage init for the demo shop. */
export function dsInitFields(overrides: Record<string, string> = {}): Record<string, string> {
  return sign(
    {
      customerId: DEMO.customerId,
      shopId: DEMO.shopId,
      orderIdent: 'order-4711',
      returnUrl: 'http://127.0.0.1:9/fallback',
      language: 'en',
      javascriptScriptVersion: '',
      ...overrides,
    },
    DATA_STORAGE_INIT_ORDER,
  );
}

/** A signed data storage read for the demo shop. */
export function dsReadFields(storageId: string, shopId: string = DEMO.shopId) {
  return sign({ customerId: DEMO.customerId, shopId, storageId }, DATA_STORAGE_READ_ORDER);
}
