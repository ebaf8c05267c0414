/**
 * Order endpoints: the result page's stored state, the orders page, and deposit / refund
 * through the gateway's backend operations (qenta-protocol §2.5).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gatewayFailure, type ShopContext } from './context.ts';
import type { Order } from './db.ts';
import { HttpError, readJson, sendJson } from './http.ts';
import { toAmount } from './money.ts';
import { loadSession } from './session.ts';

function orderView(context: ShopContext, order: Order) {
  const remainingDeposit = order.amountCents - order.depositedCents;
  const refundable = order.depositedCents - order.refundedCents;
  return {
    ...order,
    confirmations: context.db.confirmationsOf(order.id),
    operations: context.db.operationsOf(order.id),
    actions: {
      deposit: order.status === 'paid' && remainingDeposit > 0 ? remainingDeposit : 0,
      refund: order.status === 'paid' && refundable > 0 ? refundable : 0,
    },
  };
}

function requireOrder(context: ShopContext, id: string): Order {
  const order = context.db.getOrder(id);
  if (!order) throw new HttpError(404, 'ORDER_NOT_FOUND', 'There is no order with this number.');
  return order;
}

/** GET /api/orders — every order with its confirmations, plus those that matched none. */
export function handleOrders(
  context: ShopContext,
  _request: IncomingMessage,
  response: ServerResponse,
) {
  sendJson(response, 200, {
    orders: context.db.listOrders({ limit: 100 }).map((order) => orderView(context, order)),
    unmatched: context.db.unmatchedConfirmations({ limit: 20 }),
  });
}

/** GET /api/orders/:id — what the result page shows; read from the database only. */
export function handleOrder(
  context: ShopContext,
  _request: IncomingMessage,
  response: ServerResponse,
  id: string,
) {
  sendJson(response, 200, orderView(context, requireOrder(context, id)));
}

/** POST /api/orders/:id/retry — puts a cancelled or failed order's items back into the cart. */
export function handleRetry(
  context: ShopContext,
  request: IncomingMessage,
  response: ServerResponse,
  id: string,
) {
  const order = requireOrder(context, id);
  const session = loadSession(context.db, request, response);
  session.data.cart = Object.fromEntries(
    order.lines.map((line) => [line.productId, line.quantity]),
  );
  session.data.checkout = {};
  session.save();
  sendJson(response, 200, { ok: true });
}

/**
 * POST /api/orders/:id/deposit or /refund `{ amountCents? }` — defaults to what is left.
 * Every attempt is recorded, failed ones too.
 */
export async function handleOperation(
  context: ShopContext,
  request: IncomingMessage,
  response: ServerResponse,
  id: string,
  operation: 'deposit' | 'refund',
) {
  const body = await readJson(request);
  const order = requireOrder(context, id);
  if (order.status !== 'paid' || !order.gatewayOrderNumber) {
    throw new HttpError(409, 'ORDER_NOT_PAID', 'Only paid orders can be deposited or refunded.');
  }
  const limit =
    operation === 'deposit'
      ? order.amountCents - order.depositedCents
      : order.depositedCents - order.refundedCents;
  const requested = body.amountCents === undefined ? limit : body.amountCents;
  if (
    typeof requested !== 'number' ||
    !Number.isInteger(requested) ||
    requested < 1 ||
    requested > limit
  ) {
    throw new HttpError(
      422,
      'INVALID_AMOUNT',
      `The amount must be between 0.01 and ${toAmount(limit)}.`,
    );
  }
  const input = {
    orderNumber: order.gatewayOrderNumber,
    amount: toAmount(requested),
    currency: order.currency,
  };
  try {
    const detail =
      operation === 'deposit'
        ? ((await context.client.backend.deposit(input)).paymentNumber ?? '')
        : ((await context.client.backend.refund(input)).creditNumber ?? '');
    context.db.recordOperation({
      orderId: order.id,
      operation,
      amountCents: requested,
      ok: true,
      detail,
    });
  } catch (error) {
    const failure = gatewayFailure(error);
    context.db.recordOperation({
      orderId: order.id,
      operation,
      amountCents: requested,
      ok: false,
      detail: failure.message,
    });
    throw failure;
  }
  sendJson(response, 200, orderView(context, requireOrder(context, id)));
}
