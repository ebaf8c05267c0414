/**
 * `POST /seamless/backend/{operation}` (qenta-protocol §2.5, §3.4, §4.3): the operation name is
 * matched case-insensitively (§12), the fixed fingerprint order of the operation is checked,
 * then the backend password; every answer carries `status` (0 ok, 1 parameter error, 2 denied).
 * The official library's extra `command` field is ignored (§1.2).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BACKEND_ORDER_PREFIX,
  type BackendOperation,
  backendFingerprintOrder,
  backendOperationFromPath,
} from '@qenta-seamless/server-helpers/protocol';
import type { Merchant, Route } from '../../context.ts';
import { gatewayError, parameterError } from '../../error-catalog.ts';
import type { ApiContext } from '../api-context.ts';
import {
  authenticate,
  type GatewayAnswer,
  type GatewayInput,
  runGatewayRequest,
} from '../gateway-request.ts';
import type { BackendResult, OperationInput } from './backend-input.ts';
import { generateOrderNumber, recurPayment, transferFund } from './new-order-operations.ts';
import {
  approveReversal,
  deposit,
  depositReversal,
  refund,
  refundReversal,
} from './order-operations.ts';
import { getFinancialInstitutions, getOrderDetails } from './query-operations.ts';

const NAMES = [
  ...BACKEND_ORDER_PREFIX.filter((name) => name !== 'secret'),
  'requestFingerprint',
  'command',
  'orderNumber',
  'sourceOrderNumber',
  'paymentNumber',
  'creditNumber',
  'amount',
  'currency',
  'autoDeposit',
  'orderDescription',
  'orderReference',
  'customerStatement',
  'fundTransferType',
  'consumerEmail',
  'consumerWalletId',
  'bankAccountOwner',
  'bankBic',
  'bankAccountIban',
  'paymentType',
  'transactionType',
  'bankCountry',
  'basketItems',
];

const OPERATIONS: Record<
  BackendOperation,
  (input: OperationInput, merchant: Merchant) => BackendResult
> = {
  approveReversal,
  deposit,
  depositReversal,
  getOrderDetails,
  recurPayment,
  refund,
  refundReversal,
  transferFund,
  getFinancialInstitutions,
  generateOrderNumber,
};

/**
 * The backend route (all ten operations).
 *
 * @example
 * ```ts
 * const routes = [backendRoute(ctx)];
 * ```
 */
export function backendRoute(ctx: ApiContext): Route {
  return {
    method: 'POST',
    path: /^\/seamless\/backend\/([^/]+)$/i,
    handle: (request: IncomingMessage, response: ServerResponse, match: RegExpExecArray) => {
      const operation = backendOperationFromPath(match[1] ?? '');
      return runGatewayRequest(ctx, request, response, {
        name: `backend/${operation ?? (match[1] ?? '').slice(0, 40)}`,
        canonicalNames: NAMES,
        errorFields: { status: '1' },
        handle: (input) =>
          operation === undefined
            ? { ok: false, errors: [gatewayError('18630', input.language)] }
            : runOperation(ctx, operation, input),
      });
    },
  };
}

function runOperation(
  ctx: ApiContext,
  operation: BackendOperation,
  input: GatewayInput,
): GatewayAnswer {
  const { fields, language } = input;
  const auth = authenticate(
    ctx,
    input,
    basketFits(fields.basketItems, input.count)
      ? backendFingerprintOrder(operation, fields)
      : { refused: 'basket' },
  );
  if (!auth.ok) return { ok: false, errors: auth.errors };
  const password = fields.password ?? '';
  if (password === '') {
    return { ok: false, errors: [parameterError('missing', 'password', language)] };
  }
  if (!samePassword(password, auth.merchant.backendPassword)) {
    return { ok: false, errors: [parameterError('invalid', 'password', language)] };
  }
  const result = OPERATIONS[operation](
    {
      fields,
      language,
      customerId: auth.merchant.customerId,
      shopId: auth.shopId,
      orders: ctx.orders,
    },
    auth.merchant,
  );
  const subject = fields.orderNumber ?? fields.sourceOrderNumber ?? '';
  if (!result.ok) {
    return {
      ok: false,
      errors: result.errors,
      fields: { status: String(result.status) },
      journal: { operation, orderNumber: subject },
    };
  }
  if (operation !== 'getOrderDetails' && operation !== 'getFinancialInstitutions') {
    ctx.journal.record({
      kind: 'order',
      summary: `${operation}${subject ? ` on order ${subject}` : ''}: ${describe(result.fields)}`,
      details: {
        operation,
        customerId: auth.merchant.customerId,
        ...(fields.amount ? { amount: fields.amount, currency: fields.currency } : {}),
        ...result.fields,
      },
    });
  }
  return {
    ok: true,
    fields: { status: '0', ...result.fields },
    journal: { operation, orderNumber: subject, ...result.journal },
  };
}

/**
 * The basket's names join the fixed order nine per item (§2.5), so `basketItems` decides how
 * long the order is: `basketItems=999999999` would build nine billion names. Each item takes at
 * least one field of the body, so a count above the body's fields is refused (18628) before the
 * order is built (issue 10).
 */
function basketFits(basketItems: string | undefined, fieldCount: number): boolean {
  if (basketItems === undefined) return true;
  const count = Number(basketItems);
  return !Number.isInteger(count) || count <= fieldCount;
}

function describe(fields: Readonly<Record<string, string>>): string {
  const parts = Object.entries(fields).map(([name, value]) => `${name} ${value}`);
  return parts.length > 0 ? parts.join(', ') : 'OK';
}

function samePassword(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
