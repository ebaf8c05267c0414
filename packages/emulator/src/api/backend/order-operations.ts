/**
 * The operations on one existing order (qenta-protocol §2.5, §11.14): deposit, approveReversal,
 * depositReversal, refund, refundReversal. The state machine itself lives in `orders.ts`.
 */

import type { OrderRecord, OrderRefusal } from '../../orders.ts';
import {
  amountField,
  type BackendResult,
  existingOrder,
  isOrder,
  missingAmount,
  numberField,
  type OperationInput,
  refusal,
} from './backend-input.ts';

/**
 * deposit: `orderNumber, amount, currency` → `paymentNumber`.
 *
 * @example
 * ```ts
 * deposit(input); // { ok: true, fields: { paymentNumber: '23000001' } }
 * ```
 */
export function deposit(input: OperationInput): BackendResult {
  return withOrderAmount(input, (order, minor) => input.orders.deposit(order, minor));
}

/**
 * approveReversal: `orderNumber`; only while nothing is deposited.
 *
 * @example
 * ```ts
 * approveReversal(input); // { ok: true, fields: {} }
 * ```
 */
export function approveReversal(input: OperationInput): BackendResult {
  const order = existingOrder(input);
  if (!isOrder(order)) return order;
  const refused = input.orders.approveReversal(order);
  return refused ? refusal(refused, input.language) : { ok: true, fields: {} };
}

/**
 * depositReversal: `orderNumber, paymentNumber` (11012 when missing, §4.2).
 *
 * @example
 * ```ts
 * depositReversal(input); // { ok: true, fields: {} }
 * ```
 */
export function depositReversal(input: OperationInput): BackendResult {
  const order = existingOrder(input);
  if (!isOrder(order)) return order;
  const paymentNumber = numberField(input, 'paymentNumber', 'paymentNumber');
  if (typeof paymentNumber !== 'string') return paymentNumber;
  const refused = input.orders.depositReversal(order, paymentNumber);
  return refused ? refusal(refused, input.language) : { ok: true, fields: {} };
}

/**
 * refund: `orderNumber, amount, currency` → `creditNumber`; at most what is deposited and not
 * refunded yet.
 *
 * @example
 * ```ts
 * refund(input); // { ok: true, fields: { creditNumber: '14000001' } }
 * ```
 */
export function refund(input: OperationInput): BackendResult {
  return withOrderAmount(input, (order, minor) => input.orders.refund(order, minor));
}

/**
 * The shared shape of deposit and refund: check `orderNumber` and the amount fields, find the
 * order, read the amount in the order's currency, then run the operation; a refusal of the order
 * book becomes the gateway's error answer.
 */
function withOrderAmount(
  input: OperationInput,
  operate: (
    order: OrderRecord,
    minor: number,
  ) => { paymentNumber: string } | { creditNumber: string } | OrderRefusal,
): BackendResult {
  const number = numberField(input, 'orderNumber', 'orderNumber');
  if (typeof number !== 'string') return number;
  const missing = missingAmount(input);
  if (missing !== undefined) return missing;
  const order = existingOrder(input);
  if (!isOrder(order)) return order;
  const money = amountField(input, { orderCurrency: order.currency });
  if ('ok' in money) return money;
  const result = operate(order, money.minor);
  if ('code' in result) return refusal(result, input.language);
  return { ok: true, fields: { ...result } };
}

/**
 * refundReversal: `orderNumber, creditNumber` (11013 when missing, §4.2).
 *
 * @example
 * ```ts
 * refundReversal(input); // { ok: true, fields: {} }
 * ```
 */
export function refundReversal(input: OperationInput): BackendResult {
  const order = existingOrder(input);
  if (!isOrder(order)) return order;
  const creditNumber = numberField(input, 'creditNumber', 'creditNumber');
  if (typeof creditNumber !== 'string') return creditNumber;
  const refused = input.orders.refundReversal(order, creditNumber);
  return refused ? refusal(refused, input.language) : { ok: true, fields: {} };
}
