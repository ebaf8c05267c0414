/**
 * The ten backend operations (qenta-protocol §2.5, §3.4, §4.3, §4.4). Each signs its fixed
 * order, refuses to run without the backend password, and turns `status` ≠ 0 into a
 * `GATEWAY_ERROR`. Only the read-only ones (getOrderDetails, getFinancialInstitutions) are
 * retried on network errors.
 */
import type { z } from 'zod';
import { basketFields, wireAmount } from './basket.ts';
import { QentaError } from './errors.ts';

import { type BackendOperation, backendFingerprintOrder } from './fingerprint-orders.ts';
import { type FormFields, fieldValue, indexedRecords } from './form.ts';
import { backendSchemas, parseInput } from './schemas.ts';
import { type MerchantContext, sendSigned } from './transport.ts';

type Schemas = typeof backendSchemas;

/** Input of `backend.<operation>`. Every input also takes an optional `language`. */
export type BackendInput<Op extends BackendOperation> = z.input<Schemas[Op]>;

/** The answer of an operation that only reports success (the reversals). */
export interface BackendAck {
  status: 0;
}

/** `deposit`: the new payment; SEPA-DD adds its mandate data. */
export interface DepositResult extends BackendAck {
  paymentNumber: string;
  dueDate?: string;
  mandateId?: string;
  mandateSignatureDate?: string;
}

/** `refund`, `transferFund`: the new credit. */
export interface CreditResult extends BackendAck {
  creditNumber: string;
}

/** `recurPayment`, `generateOrderNumber`: an order number. */
export interface OrderNumberResult extends BackendAck {
  orderNumber: string;
}

/** One bank of `getFinancialInstitutions`. */
export interface FinancialInstitution {
  id: string;
  name: string;
}

/** `getFinancialInstitutions`. */
export interface FinancialInstitutionsResult extends BackendAck {
  financialInstitutions: FinancialInstitution[];
}

/**
 * A payment (capture) of an order (§4.4 `payment.{o}.{p}.*`). Amounts stay decimal strings as
 * the gateway wrote them; every field the gateway sent is kept.
 */
export interface OrderPayment extends FormFields {
  paymentNumber: string;
  state: string;
}

/** A credit (refund) of an order (§4.4 `credit.{o}.{c}.*`). */
export interface OrderCredit extends FormFields {
  creditNumber: string;
  state: string;
}

/** One order of `getOrderDetails` (§4.4 `order.{o}.*`) with its payments and credits. */
export interface OrderDetails {
  orderNumber: string;
  state: string;
  amount: string;
  currency: string;
  paymentType: string;
  /** `operationsAllowed` split on commas, e.g. `['DEPOSIT', 'APPROVEREVERSAL']`. */
  operationsAllowed: string[];
  /** Every `order.{o}.*` field as sent (timestamps as `DD.MM.YYYY HH:MM:SS`). */
  fields: FormFields;
  payments: OrderPayment[];
  credits: OrderCredit[];
}

/** `getOrderDetails`; an unknown order gives `orders: []`. */
export interface OrderDetailsResult extends BackendAck {
  objectsTotal: number;
  orders: OrderDetails[];
}

/** The `backend` part of the client: one method per operation of §2.5. */
export interface BackendApi {
  /**
   * Cancels an approval that was not deposited yet.
   *
   * @example
   * ```ts
   * await client.backend.approveReversal({ orderNumber: '5472113' });
   * ```
   */
  approveReversal(input: BackendInput<'approveReversal'>): Promise<BackendAck>;
  /**
   * Captures (part of) an approved amount.
   *
   * @example
   * ```ts
   * const { paymentNumber } = await client.backend.deposit({ orderNumber: '5472113', amount: '10.00', currency: 'EUR' });
   * ```
   */
  deposit(input: BackendInput<'deposit'>): Promise<DepositResult>;
  /**
   * Cancels a deposit.
   *
   * @example
   * ```ts
   * await client.backend.depositReversal({ orderNumber: '5472113', paymentNumber: '23473341' });
   * ```
   */
  depositReversal(input: BackendInput<'depositReversal'>): Promise<BackendAck>;
  /**
   * Reads an order with its payments and credits. Read-only: retried on network errors.
   *
   * @example
   * ```ts
   * const { orders } = await client.backend.getOrderDetails({ orderNumber: '5472113' });
   * orders[0]?.payments.map((payment) => payment.state);
   * ```
   */
  getOrderDetails(input: BackendInput<'getOrderDetails'>): Promise<OrderDetailsResult>;
  /**
   * Charges again, based on an earlier order.
   *
   * @example
   * ```ts
   * const { orderNumber } = await client.backend.recurPayment({
   *   sourceOrderNumber: '23473341', orderDescription: 'Subscription May', amount: '9.90', currency: 'EUR',
   * });
   * ```
   */
  recurPayment(input: BackendInput<'recurPayment'>): Promise<OrderNumberResult>;
  /**
   * Pays (part of) a deposited amount back.
   *
   * @example
   * ```ts
   * const { creditNumber } = await client.backend.refund({ orderNumber: '5472113', amount: '5.00', currency: 'EUR' });
   * ```
   */
  refund(input: BackendInput<'refund'>): Promise<CreditResult>;
  /**
   * Cancels a refund.
   *
   * @example
   * ```ts
   * await client.backend.refundReversal({ orderNumber: '5472113', creditNumber: '14949449' });
   * ```
   */
  refundReversal(input: BackendInput<'refundReversal'>): Promise<BackendAck>;
  /**
   * Transfers funds of one of the four types (EXISTINGORDER, SKRILLWALLET, MONETA, SEPA-CT).
   *
   * @example
   * ```ts
   * await client.backend.transferFund({
   *   fundTransferType: 'SEPA-CT', orderDescription: 'Payout', amount: '20.00', currency: 'EUR',
   *   bankAccountOwner: 'Jane Doe', bankBic: 'GIBAATWWXXX', bankAccountIban: 'AT611904300234573201',
   * });
   * ```
   */
  transferFund(input: BackendInput<'transferFund'>): Promise<CreditResult>;
  /**
   * Lists the banks of a payment type. Read-only: retried on network errors.
   *
   * @example
   * ```ts
   * const { financialInstitutions } = await client.backend.getFinancialInstitutions({ paymentType: 'EPS' });
   * ```
   */
  getFinancialInstitutions(
    input: BackendInput<'getFinancialInstitutions'>,
  ): Promise<FinancialInstitutionsResult>;
  /**
   * Reserves an order number for a later `payment.start`.
   *
   * @example
   * ```ts
   * const { orderNumber } = await client.backend.generateOrderNumber();
   * ```
   */
  generateOrderNumber(input?: BackendInput<'generateOrderNumber'>): Promise<OrderNumberResult>;
}

const READ_ONLY: ReadonlySet<BackendOperation> = new Set([
  'getOrderDetails',
  'getFinancialInstitutions',
]);

/**
 * Builds the `backend` operations over a merchant context.
 *
 * @example
 * ```ts
 * const backend = createBackendApi(context);
 * ```
 */
export function createBackendApi(context: MerchantContext): BackendApi {
  const call = async (operation: BackendOperation, raw: unknown): Promise<FormFields> => {
    const input = parseInput(backendSchemas[operation], raw ?? {}, `backend.${operation}`);
    if (context.backendPassword === undefined) {
      throw new QentaError(
        'INVALID_INPUT',
        `backend.${operation} needs the backend password: pass backendPassword to createQentaClient`,
        { issues: [{ path: 'backendPassword', message: 'is required for backend operations' }] },
      );
    }
    const fields = operationFields(input as Record<string, unknown>);
    Object.assign(fields, {
      customerId: context.customerId,
      shopId: context.shopId,
      password: context.backendPassword,
      language: (input as { language?: string }).language ?? context.language,
    });
    const answer = await sendSigned(context, {
      path: `/backend/${operation}`,
      operation: `backend.${operation}`,
      fields,
      order: backendFingerprintOrder(operation, fields),
      readOnly: READ_ONLY.has(operation),
    });
    const status = fieldValue(answer, 'status');
    if (status !== '0') {
      const backendStatus = status === undefined ? undefined : Number(status);
      if (status === undefined || Number.isNaN(backendStatus)) {
        throw new QentaError('INVALID_RESPONSE', `backend.${operation}: the answer lacks status`);
      }
      throw new QentaError(
        'GATEWAY_ERROR',
        `backend.${operation} refused by the gateway: status ${status}`,
        { ...(backendStatus !== undefined && { backendStatus }) },
      );
    }
    return answer;
  };

  const need = (answer: FormFields, operation: string, name: string): string => {
    const value = fieldValue(answer, name);
    if (!value) {
      throw new QentaError('INVALID_RESPONSE', `backend.${operation}: the answer lacks ${name}`);
    }
    return value;
  };

  return {
    async approveReversal(input) {
      await call('approveReversal', input);
      return { status: 0 };
    },
    async deposit(input) {
      const answer = await call('deposit', input);
      const extras: Omit<DepositResult, 'status' | 'paymentNumber'> = {};
      for (const name of ['dueDate', 'mandateId', 'mandateSignatureDate'] as const) {
        const value = fieldValue(answer, name);
        if (value !== undefined) extras[name] = value;
      }
      return { status: 0, paymentNumber: need(answer, 'deposit', 'paymentNumber'), ...extras };
    },
    async depositReversal(input) {
      await call('depositReversal', input);
      return { status: 0 };
    },
    async getOrderDetails(input) {
      return parseOrderDetails(await call('getOrderDetails', input));
    },
    async recurPayment(input) {
      const answer = await call('recurPayment', input);
      return { status: 0, orderNumber: need(answer, 'recurPayment', 'orderNumber') };
    },
    async refund(input) {
      const answer = await call('refund', input);
      return { status: 0, creditNumber: need(answer, 'refund', 'creditNumber') };
    },
    async refundReversal(input) {
      await call('refundReversal', input);
      return { status: 0 };
    },
    async transferFund(input) {
      const answer = await call('transferFund', input);
      return { status: 0, creditNumber: need(answer, 'transferFund', 'creditNumber') };
    },
    async getFinancialInstitutions(input) {
      const answer = await call('getFinancialInstitutions', input);
      const financialInstitutions = indexedRecords(answer, 'financialInstitution').map(
        (record) => ({
          id: fieldValue(record, 'id') ?? '',
          name: fieldValue(record, 'name') ?? '',
        }),
      );
      return { status: 0, financialInstitutions };
    },
    async generateOrderNumber(input) {
      const answer = await call('generateOrderNumber', input);
      return { status: 0, orderNumber: need(answer, 'generateOrderNumber', 'orderNumber') };
    },
  };
}

// Validated camelCase input → wire fields; amounts, booleans and lists get their wire form.
function operationFields(input: Record<string, unknown>): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  const currency = typeof input.currency === 'string' ? input.currency : '';
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined || name === 'language' || name === 'basket') continue;
    if (name === 'amount') fields.amount = wireAmount(value as number | string, currency);
    else if (typeof value === 'boolean') fields[name] = value ? 'yes' : 'no';
    else if (Array.isArray(value)) fields[name] = value.join(',');
    else fields[name] = String(value);
  }
  Object.assign(fields, basketFields(input.basket as Parameters<typeof basketFields>[0], currency));
  return fields;
}

/**
 * Reads a getOrderDetails answer (§4.4): `order.{o}.*`, `payment.{o}.{p}.*`, `credit.{o}.{c}.*`.
 *
 * @example
 * ```ts
 * parseOrderDetails(decodeForm(body).fields).orders[0]?.credits;
 * ```
 */
export function parseOrderDetails(answer: Readonly<FormFields>): OrderDetailsResult {
  const orders = indexedRecords(answer, 'order').map((order, position): OrderDetails => {
    const wireIndex = position + 1;
    return {
      orderNumber: fieldValue(order, 'orderNumber') ?? '',
      state: fieldValue(order, 'state') ?? '',
      amount: fieldValue(order, 'amount') ?? '',
      currency: fieldValue(order, 'currency') ?? '',
      paymentType: fieldValue(order, 'paymentType') ?? '',
      operationsAllowed: splitList(fieldValue(order, 'operationsAllowed')),
      fields: order,
      payments: indexedRecords(answer, `payment.${wireIndex}`).map((payment) => ({
        ...payment,
        paymentNumber: fieldValue(payment, 'paymentNumber') ?? '',
        state: fieldValue(payment, 'state') ?? '',
      })),
      credits: indexedRecords(answer, `credit.${wireIndex}`).map((credit) => ({
        ...credit,
        creditNumber: fieldValue(credit, 'creditNumber') ?? '',
        state: fieldValue(credit, 'state') ?? '',
      })),
    };
  });
  const total = Number(fieldValue(answer, 'objectsTotal') ?? orders.length);
  return { status: 0, objectsTotal: Number.isInteger(total) ? total : orders.length, orders };
}

function splitList(value: string | undefined): string[] {
  return value ? value.split(',').filter((entry) => entry !== '') : [];
}
