/**
 * How a confirmation moves an order (design.md, "Persistence in the demo shop"). Only a verified
 * SUCCESS makes an order paid. CANCEL and FAILURE carry no fingerprint (qenta-protocol §5.1), so
 * they may close an order that is not paid yet, but they can never undo a payment.
 */

/** Where an order stands. */
export type OrderStatus = 'open' | 'pending' | 'paid' | 'cancelled' | 'failed';

/** `paymentState` of a confirmation (qenta-protocol §5.1). */
export type PaymentState = 'SUCCESS' | 'PENDING' | 'CANCEL' | 'FAILURE';

/**
 * The order's next status after a confirmation that passed verification (or, for CANCEL and
 * FAILURE, that was accepted without one).
 *
 * @example
 * ```ts
 * nextStatus('pending', 'SUCCESS'); // 'paid'
 * nextStatus('paid', 'FAILURE'); // 'paid': an unsigned FAILURE never undoes a payment
 * ```
 */
export function nextStatus(current: OrderStatus, state: PaymentState): OrderStatus {
  if (current === 'paid') return 'paid';
  switch (state) {
    case 'SUCCESS':
      return 'paid';
    case 'PENDING':
      // A PENDING that arrives late (after a FAILURE or CANCEL) does not reopen the order.
      return current === 'open' || current === 'pending' ? 'pending' : current;
    case 'CANCEL':
      return current === 'pending' ? 'pending' : 'cancelled';
    case 'FAILURE':
      return 'failed';
  }
}

/**
 * Whether `value` is one of the four payment states.
 *
 * @example
 * ```ts
 * isPaymentState('SUCCESS'); // true
 * ```
 */
export function isPaymentState(value: unknown): value is PaymentState {
  return value === 'SUCCESS' || value === 'PENDING' || value === 'CANCEL' || value === 'FAILURE';
}

/** How much of a paid order was paid back: nothing, part of it, or all of it. */
export type RefundState = 'none' | 'partial' | 'full';

/**
 * Whether a paid order was refunded, and how far: `full` once the refunds reach the order's
 * amount, `partial` for anything less.
 *
 * @example
 * ```ts
 * refundState({ amountCents: 2290, refundedCents: 500 }); // 'partial'
 * ```
 */
export function refundState(order: { amountCents: number; refundedCents: number }): RefundState {
  if (order.refundedCents <= 0) return 'none';
  return order.refundedCents >= order.amountCents ? 'full' : 'partial';
}
