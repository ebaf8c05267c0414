/**
 * The shop's confirm endpoint (qenta-protocol §5): `createConfirmHandler` from server-helpers
 * verifies; this file stores every confirmation as received (rejected ones too, marked with the
 * reason), matches it to the order through the `shopOrderId` custom parameter, and answers OK
 * only once the database has it, so the gateway retries whenever the shop could not.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type Confirmation,
  confirmationResponse,
  createConfirmHandler,
  type FingerprintAlgorithm,
  type VerifiedConfirmation,
} from '@qenta-seamless/server-helpers';
import type { NodeHandler } from './app.ts';
import { exceedsPostLimits, LIMITS_EXCEEDED } from './confirm-limits.ts';
import type { ShopDatabase } from './db.ts';
import { readBody } from './http.ts';
import { toCents } from './money.ts';
import { formValue, storedFields } from './stored-fields.ts';

/** Custom parameter that carries the shop's order id through the gateway (§3.3). */
export const SHOP_ORDER_PARAMETER = 'shopOrderId';

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Body cap of the confirm endpoint, as in server-helpers. */
const MAX_CONFIRM_BYTES = 1024 * 1024;

/** Options of {@link createConfirmEndpoint}. */
export interface ConfirmEndpointOptions {
  db: ShopDatabase;
  secret: string;
  algorithm?: FingerprintAlgorithm;
  log?: (message: string) => void;
}

/** Thrown from `onConfirmation` so the handler answers NOK; carries no confirmation data. */
class ConfirmationRefused extends Error {
  override readonly name = 'ConfirmationRefused';
}

/**
 * Builds the `POST /api/confirm` listener.
 *
 * @example
 * ```ts
 * const confirm = createConfirmEndpoint({ db, secret: process.env.QENTA_SECRET! });
 * createShopHandler({ context, confirm });
 * ```
 */
export function createConfirmEndpoint(options: ConfirmEndpointOptions): NodeHandler {
  const { db } = options;
  const current = new AsyncLocalStorage<{ rawBody: string }>();

  const record = (
    paymentState: string,
    orderId: string | undefined,
    verified: boolean,
    rejectedReason?: string,
    signed?: VerifiedConfirmation,
  ) => {
    const rawBody = current.getStore()?.rawBody ?? '';
    const verifiedOrderNumber = signed?.orderNumber;
    return db.recordConfirmation({
      ...storedFields(rawBody, signed ? { signed: new Set(Object.keys(signed.fields)) } : {}),
      rawBody,
      paymentState,
      orderId,
      verified,
      ...(rejectedReason !== undefined && { rejectedReason }),
      ...(verifiedOrderNumber !== undefined && { verifiedOrderNumber }),
    });
  };

  const refuse = async (
    paymentState: string,
    orderId: string | undefined,
    reason: string,
  ): Promise<never> => {
    const { repeated } = await record(paymentState, orderId, false, reason);
    if (!repeated)
      options.log?.(`shop: confirmation refused (${reason}) for ${orderId ?? 'no order'}`);
    throw new ConfirmationRefused(reason);
  };

  const onConfirmation = async (confirmation: Confirmation) => {
    if (confirmation.verified) {
      // SUCCESS and PENDING: only signed fields decide which order and how much (§2.6).
      const orderId = confirmation.fields[SHOP_ORDER_PARAMETER];
      const claimed = confirmation.untrusted[SHOP_ORDER_PARAMETER];
      if (!orderId) return refuse(confirmation.paymentState, claimed, 'SHOP_ORDER_ID_UNSIGNED');
      const order = await db.getOrder(orderId);
      if (!order) return refuse(confirmation.paymentState, undefined, 'UNKNOWN_ORDER');
      if (
        toCents(confirmation.amount) !== order.amountCents ||
        confirmation.currency.toUpperCase() !== order.currency
      ) {
        return refuse(confirmation.paymentState, order.id, 'AMOUNT_MISMATCH');
      }
      await record(confirmation.paymentState, order.id, true, undefined, confirmation);
      return;
    }
    // CANCEL and FAILURE carry no fingerprint: stored and applied to an unpaid order only
    // (order-state.ts), never as proof of anything.
    const orderId = confirmation.untrusted[SHOP_ORDER_PARAMETER];
    const order = orderId ? await db.getOrder(orderId) : undefined;
    if (!order) return refuse(confirmation.paymentState, undefined, 'UNKNOWN_ORDER');
    await record(confirmation.paymentState, order.id, false);
  };

  const onRejected = async (rejection: { code: string; paymentState?: string | undefined }) => {
    const rawBody = current.getStore()?.rawBody ?? '';
    const claimed = formValue(rawBody, SHOP_ORDER_PARAMETER);
    const order = claimed ? await db.getOrder(claimed) : undefined;
    const { repeated } = await record(
      rejection.paymentState ?? 'UNKNOWN',
      order?.id,
      false,
      rejection.code,
    );
    if (!repeated) options.log?.(`shop: confirmation rejected (${rejection.code})`);
  };

  /** A body past the protocol's limits is no confirmation: stored clipped, answered NOK. */
  const refuseOverLimits = (rawBody: string): Promise<string> =>
    current.run({ rawBody }, async () => {
      const paymentState = formValue(rawBody, 'paymentState')?.slice(0, 16);
      await onRejected({ code: LIMITS_EXCEEDED, ...(paymentState && { paymentState }) });
      return confirmationResponse({ ok: false, message: 'confirmation rejected' });
    });

  const handler = createConfirmHandler({
    secret: options.secret,
    ...(options.algorithm !== undefined && { algorithm: options.algorithm }),
    onConfirmation,
    onRejected,
    onError: (error) => {
      if (!(error instanceof ConfirmationRefused)) {
        options.log?.(`shop: storing a confirmation failed: ${String(error)}`);
      }
    },
  });

  return (request, response) => {
    void (async () => {
      // Read the body here so the exact bytes can be stored, then hand the same bytes to the
      // web-standard handler.
      let rawBody: string;
      try {
        rawBody = await readBody(request, MAX_CONFIRM_BYTES);
      } catch {
        response.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('confirmation body too large');
        return;
      }
      const contentType = request.headers['content-type'];
      if (contentType?.startsWith(FORM_TYPE) && exceedsPostLimits(rawBody)) {
        const text = await refuseOverLimits(rawBody);
        response.writeHead(200, {
          'content-type': 'text/plain; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        });
        response.end(text);
        return;
      }
      const answer = await current.run({ rawBody }, () =>
        handler(
          new Request('http://shop.invalid/api/confirm', {
            method: 'POST',
            headers: contentType ? { 'content-type': contentType } : {},
            body: rawBody,
          }),
        ),
      );
      const text = await answer.text();
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'text/plain; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      });
      response.end(text);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  };
}
