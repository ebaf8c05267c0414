/**
 * Order endpoints: the result page's stored state, the orders page, and deposit / refund
 * through the gateway's backend operations (qenta-protocol §2.5).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gatewayFailure, type ShopContext } from './context.ts';
import type { Order } from './db.ts';
import { HttpError, readJson, sendJson } from './http.ts';
import { toAmount } from './money.ts';
import { refundState } from './order-state.ts';
import { loadSession } from './session.ts';

/** What is left to deposit or refund, reservations of calls in flight counted as spent. */
function limits(order: Order) {
  return {
    deposit: order.amountCents - order.depositedCents - order.depositPendingCents,
    refund: order.depositedCents - order.refundedCents - order.refundPendingCents,
  };
}

async function orderView(context: ShopContext, order: Order) {
  const { deposit: remainingDeposit, refund: refundable } = limits(order);
  return {
    ...order,
    confirmations: await context.db.confirmationsOf(order.id),
    operations: await context.db.operationsOf(order.id),
    refundState: refundState(order),
    actions: {
      deposit: order.status === 'paid' && remainingDeposit > 0 ? remainingDeposit : 0,
      refund: order.status === 'paid' && refundable > 0 ? refundable : 0,
    },
  };
}

async function requireOrder(context: ShopContext, id: string): Promise<Order> {
  const order = await context.db.getOrder(id);
  if (!order) throw new HttpError(404, 'ORDER_NOT_FOUND', 'There is no order with this number.');
  return order;
}

/** GET /api/orders — every order with its confirmations, plus those that matched none. */
export async function handleOrders(
  context: ShopContext,
  _request: IncomingMessage,
  response: ServerResponse,
) {
  sendJson(response, 200, {
    orders: await Promise.all(
      (await context.db.listOrders({ limit: 100 })).map((order) => orderView(context, order)),
    ),
    unmatched: await context.db.unmatchedConfirmations({ limit: 20 }),
  });
}

/** GET /api/orders/:id — what the result page shows; read from the database only. */
export async function handleOrder(
  context: ShopContext,
  _request: IncomingMessage,
  response: ServerResponse,
  id: string,
) {
  sendJson(response, 200, await orderView(context, await requireOrder(context, id)));
}

/** POST /api/orders/:id/retry — puts a cancelled or failed order's items back into the cart. */
export async function handleRetry(
  context: ShopContext,
  request: IncomingMessage,
  response: ServerResponse,
  id: string,
) {
  const order = await requireOrder(context, id);
  const session = await loadSession(context.db, request, response);
  session.data.cart = Object.fromEntries(
    order.lines.map((line) => [line.productId, line.quantity]),
  );
  session.data.checkout = {};
  await session.save();
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
  const order = await requireOrder(context, id);
  if (order.status !== 'paid' || !order.gatewayOrderNumber) {
    throw new HttpError(409, 'ORDER_NOT_PAID', 'Only paid orders can be deposited or refunded.');
  }
  const limit = limits(order)[operation];
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
      limit > 0
        ? `The amount must be between 0.01 and ${toAmount(limit)}.`
        : `Nothing is left to ${operation} on this order.`,
    );
  }
  // The check above read a moment ago; the reservation is the one that counts (another owner
  // on another instance may have clicked at the same time). Refused: the gateway is not called.
  const reservation = { orderId: order.id, operation, amountCents: requested };
  if (!(await context.db.reserveOperation(reservation))) {
    throw new HttpError(
      409,
      'AMOUNT_NOT_AVAILABLE',
      `Another ${operation} of this order was just made; reload to see what is left.`,
    );
  }
  const input = {
    orderNumber: order.gatewayOrderNumber,
    amount: toAmount(requested),
    currency: order.currency,
  };
  let detail: string;
  try {
    detail =
      operation === 'deposit'
        ? ((await context.client.backend.deposit(input)).paymentNumber ?? '')
        : ((await context.client.backend.refund(input)).creditNumber ?? '');
  } catch (error) {
    const failure = gatewayFailure(error);
    // The gateway refused or could not be reached: the reservation is released.
    await context.db.settleOperation({ ...reservation, ok: false, detail: failure.message });
    throw failure;
  }
  await context.db.settleOperation({ ...reservation, ok: true, detail });
  sendJson(response, 200, await orderView(context, await requireOrder(context, id)));
}
