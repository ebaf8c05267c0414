/**
 * Shared checks of the backend operations (qenta-protocol §3.4): order numbers, amounts and
 * currencies, with the documented codes (11011 / 11017 / 11019 …) and `status` 1 for a
 * parameter error, 2 for an operation the order's state does not allow (§4.3).
 */
import type { FormFields, GatewayErrorDetail } from '@qenta-seamless/server-helpers/protocol';
import { normalizeCurrency, parseAmount } from '../../amounts.ts';
import { type CatalogParameter, gatewayError, parameterError } from '../../error-catalog.ts';
import type { OrderRecord, OrderRefusal, OrderStore } from '../../orders.ts';

/** What one backend operation answers. */
export type BackendResult =
  | { ok: true; fields: Record<string, string>; journal?: Record<string, unknown> }
  | { ok: false; status: 1 | 2 | 3 | 4; errors: GatewayErrorDetail[] };

/** What an operation handler gets. */
export interface OperationInput {
  fields: FormFields;
  language: string;
  customerId: string;
  shopId: string;
  orders: OrderStore;
}

/** A parameter error with status 1. */
export function parameterFailure(
  kind: Parameters<typeof parameterError>[0],
  parameter: CatalogParameter,
  language: string,
): BackendResult {
  return { ok: false, status: 1, errors: [parameterError(kind, parameter, language)] };
}

/** An {@link OrderRefusal} as a result. */
export function refusal(refused: OrderRefusal, language: string): BackendResult {
  return { ok: false, status: refused.status, errors: [gatewayError(refused.code, language)] };
}

/**
 * A numeric reference (order, payment, credit number: ≤ 9 digits, §3.4) or the error for it.
 *
 * @example
 * ```ts
 * const number = numberField(input, 'orderNumber', 'orderNumber');
 * if (typeof number !== 'string') return number;
 * ```
 */
export function numberField(
  input: OperationInput,
  name: string,
  parameter: CatalogParameter,
): string | BackendResult {
  const value = input.fields[name] ?? '';
  if (value === '') return parameterFailure('missing', parameter, input.language);
  if (!/^\d+$/.test(value)) return parameterFailure('numeric', parameter, input.language);
  if (value.length > 9) return parameterFailure('length', parameter, input.language);
  return value;
}

/**
 * The merchant's order named by `orderNumber`, or the error (18011 for an unknown one).
 *
 * @example
 * ```ts
 * const order = existingOrder(input);
 * if (!('orderNumber' in order)) return order;
 * ```
 */
export function existingOrder(
  input: OperationInput,
  name = 'orderNumber',
  parameter: CatalogParameter = 'orderNumber',
): OrderRecord | BackendResult {
  const number = numberField(input, name, parameter);
  if (typeof number !== 'string') return number;
  const order = input.orders.find(input.customerId, number);
  return order ?? parameterFailure('invalid', parameter, input.language);
}

/** True when a value is an {@link OrderRecord} rather than an error result. */
export function isOrder(value: OrderRecord | BackendResult): value is OrderRecord {
  return 'orderNumber' in value;
}

/**
 * Amount + currency in minor units. With `order`, the currency must be the order's.
 *
 * @example
 * ```ts
 * const money = amountField(input, order.currency);
 * if ('ok' in money) return money;
 * ```
 */
export function amountField(
  input: OperationInput,
  options: { orderCurrency?: string; currencies?: readonly string[] } = {},
): { minor: number; currency: string } | BackendResult {
  const { fields, language } = input;
  const missing = missingAmount(input);
  if (missing !== undefined) return missing;
  const currency = normalizeCurrency(fields.currency ?? '');
  const expected = options.orderCurrency;
  if (
    currency === undefined ||
    (expected !== undefined && currency !== expected) ||
    (options.currencies !== undefined && !options.currencies.includes(currency))
  ) {
    return parameterFailure('invalid', 'currency', language);
  }
  const minor = parseAmount(fields.amount ?? '', currency);
  if (minor === undefined || minor <= 0) return parameterFailure('invalid', 'amount', language);
  return { minor, currency };
}

/**
 * The "missing" errors of amount and currency (11017, 11019), checked before the order is looked
 * up so a request that lacks them says so whatever its order number.
 *
 * @example
 * ```ts
 * const missing = missingAmount(input);
 * if (missing) return missing;
 * ```
 */
export function missingAmount(input: OperationInput): BackendResult | undefined {
  const { fields, language } = input;
  const errors: GatewayErrorDetail[] = [];
  if ((fields.amount ?? '') === '') errors.push(parameterError('missing', 'amount', language));
  if ((fields.currency ?? '') === '') errors.push(parameterError('missing', 'currency', language));
  return errors.length > 0 ? { ok: false, status: 1, errors } : undefined;
}
