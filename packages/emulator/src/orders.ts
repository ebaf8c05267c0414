/**
 * The backend's order book (qenta-protocol §4.4, §11.14): orders with one payment (the
 * approval, deposited in one or more steps) and any number of credits (refunds, transfers).
 * States and `operationsAllowed` follow the captured values (`payment_approved`,
 * `payment_deposited`, `payment_closed`, `credit_refunded`, `credit_closed`; order `ORDERED`,
 * `REFUNDABLE`, plus `CLOSED`). Amounts are kept in minor units; no operation can take more
 * than is approved (deposit) or deposited and not yet refunded (refund).
 */
import { normalizeCurrency } from './amounts.ts';
import type { OrderBook, PaidOrder } from './context.ts';

/** A payment (the approval) of an order. */
export interface PaymentRecord {
  paymentNumber: string;
  approveAmount: number;
  depositAmount: number;
  state: 'payment_approved' | 'payment_deposited' | 'payment_closed';
  gatewayReferenceNumber: string;
  timeCreated: number;
  timeModified: number;
}

/** A credit (refund or fund transfer) of an order. */
export interface CreditRecord {
  creditNumber: string;
  amount: number;
  state: 'credit_refunded' | 'credit_closed';
  gatewayReferenceNumber: string;
  timeCreated: number;
  timeModified: number;
}

/** An order as the backend sees it. */
export interface OrderRecord {
  customerId: string;
  shopId: string;
  orderNumber: string;
  paymentType: string;
  brand: string;
  financialInstitution: string;
  currency: string;
  /** Approved amount in minor units (0 for a fund transfer). */
  amount: number;
  orderDescription: string;
  orderReference: string;
  customerStatement: string;
  sourceOrderNumber: string;
  approvalReversed: boolean;
  payment?: PaymentRecord;
  credits: CreditRecord[];
  timeCreated: number;
  timeModified: number;
}

/** Why an operation was refused: the error code (§4.2) and backend status (§4.3). */
export interface OrderRefusal {
  code: string;
  status: 1 | 2;
}

/** Options of {@link OrderStore}. */
export interface OrderStoreOptions {
  now(): number;
  /** Parses an amount string in minor units for a currency (see `amounts.ts`). */
  toMinor(amount: string, currency: string): number | undefined;
  /** Cap on orders + reservations kept (oldest dropped first). Default 100 000. */
  maxEntries?: number;
}

/**
 * The in-memory {@link OrderBook} plus the backend operations on it.
 *
 * @example
 * ```ts
 * const orders = new OrderStore({ now: () => Date.now(), toMinor: parseAmount });
 * const orderNumber = orders.reserveOrderNumber('D200001');
 * ```
 */
export class OrderStore implements OrderBook {
  readonly #orders = new Map<string, OrderRecord>();
  /** key → 'reserved' | 'used' */
  readonly #numbers = new Map<string, 'reserved' | 'used'>();
  readonly #options: OrderStoreOptions;
  #nextOrder = 7_000_001;
  #nextPayment = 23_000_001;
  #nextCredit = 14_000_001;

  constructor(options: OrderStoreOptions) {
    this.#options = options;
  }

  reserveOrderNumber(customerId: string): string {
    let number = String(this.#nextOrder++);
    while (this.#numbers.has(key(customerId, number))) number = String(this.#nextOrder++);
    this.#remember(this.#numbers, key(customerId, number), 'reserved');
    return number;
  }

  isReservedAndUnused(customerId: string, orderNumber: string): boolean {
    return this.#numbers.get(key(customerId, orderNumber)) === 'reserved';
  }

  /** True when the number was reserved or used before (for telling 18011 from 13011). */
  isUsed(customerId: string, orderNumber: string): boolean {
    return this.#numbers.get(key(customerId, orderNumber)) === 'used';
  }

  markUsed(customerId: string, orderNumber: string): void {
    this.#remember(this.#numbers, key(customerId, orderNumber), 'used');
  }

  recordPaid(paid: PaidOrder): void {
    const customerId = paid.merchant.customerId;
    // A repeated SUCCESS for the same order (e.g. after PENDING) must not approve twice.
    if (this.#orders.has(key(customerId, paid.orderNumber))) return;
    const currency = normalizeCurrency(paid.currency) ?? paid.currency;
    const amount = this.#options.toMinor(paid.amount, currency) ?? 0;
    const order = this.#newOrder({
      customerId,
      shopId: paid.shopId,
      orderNumber: paid.orderNumber,
      paymentType: paid.paymentType,
      brand: paid.brand ?? '',
      financialInstitution: paid.financialInstitution ?? '',
      currency,
      amount,
      orderDescription: paid.orderDescription,
      orderReference: paid.orderReference ?? '',
      customerStatement: paid.customerStatement ?? '',
      sourceOrderNumber: '',
    });
    this.#approve(order, paid.gatewayReferenceNumber, paid.autoDeposit);
    this.markUsed(customerId, paid.orderNumber);
  }

  /** The order, if this customer has one with that number. */
  find(customerId: string, orderNumber: string): OrderRecord | undefined {
    return this.#orders.get(key(customerId, orderNumber));
  }

  /** Deposits (part of) what is approved; answers the payment number. */
  deposit(order: OrderRecord, amount: number): { paymentNumber: string } | OrderRefusal {
    const payment = order.payment;
    if (payment === undefined || order.approvalReversed) return { code: '19011', status: 2 };
    if (amount > payment.approveAmount - payment.depositAmount) return { code: '19017', status: 2 };
    payment.depositAmount += amount;
    payment.state = 'payment_deposited';
    this.#touch(order, payment);
    return { paymentNumber: payment.paymentNumber };
  }

  /** Reverses the approval while nothing is deposited. */
  approveReversal(order: OrderRecord): OrderRefusal | undefined {
    const payment = order.payment;
    if (payment === undefined || order.approvalReversed || payment.depositAmount > 0) {
      return { code: '19011', status: 2 };
    }
    order.approvalReversed = true;
    payment.state = 'payment_closed';
    this.#touch(order, payment);
    return undefined;
  }

  /** Reverses the deposits of a payment while nothing of them is refunded. */
  depositReversal(order: OrderRecord, paymentNumber: string): OrderRefusal | undefined {
    const payment = order.payment;
    if (payment === undefined || payment.paymentNumber !== paymentNumber) {
      return { code: '18012', status: 1 };
    }
    if (payment.depositAmount === 0 || refunded(order) > 0) return { code: '19012', status: 2 };
    payment.depositAmount = 0;
    payment.state = 'payment_approved';
    this.#touch(order, payment);
    return undefined;
  }

  /** Refunds (part of) what is deposited and not yet refunded; answers the credit number. */
  refund(order: OrderRecord, amount: number): { creditNumber: string } | OrderRefusal {
    if (order.payment === undefined || order.payment.depositAmount === 0) {
      return { code: '19011', status: 2 };
    }
    if (amount > refundable(order)) return { code: '19017', status: 2 };
    return { creditNumber: this.#addCredit(order, amount).creditNumber };
  }

  /** Reverses a credit. */
  refundReversal(order: OrderRecord, creditNumber: string): OrderRefusal | undefined {
    const credit = order.credits.find((c) => c.creditNumber === creditNumber);
    if (credit === undefined) return { code: '18013', status: 1 };
    if (credit.state !== 'credit_refunded') return { code: '19013', status: 2 };
    credit.state = 'credit_closed';
    this.#touch(order, credit);
    return undefined;
  }

  /** A new order charged like `source` (recurPayment). */
  recur(
    source: OrderRecord,
    request: {
      orderNumber: string;
      amount: number;
      currency: string;
      orderDescription: string;
      autoDeposit: boolean;
      orderReference: string;
      customerStatement: string;
    },
  ): OrderRecord {
    const order = this.#newOrder({
      ...source,
      ...request,
      sourceOrderNumber: source.orderNumber,
    });
    this.#approve(order, `DGW_${order.orderNumber}_RN`, request.autoDeposit);
    this.markUsed(order.customerId, order.orderNumber);
    return order;
  }

  /** A credit that pays money out (transferFund), on a new or the given order. */
  transfer(request: {
    customerId: string;
    shopId: string;
    orderNumber: string;
    paymentType: string;
    amount: number;
    currency: string;
    orderDescription: string;
    orderReference: string;
    customerStatement: string;
    sourceOrderNumber: string;
  }): { creditNumber: string } {
    const existing = this.find(request.customerId, request.orderNumber);
    const order =
      existing ??
      this.#newOrder({
        ...request,
        amount: 0,
        brand: '',
        financialInstitution: '',
      });
    this.markUsed(request.customerId, request.orderNumber);
    return { creditNumber: this.#addCredit(order, request.amount).creditNumber };
  }

  #newOrder(
    fields: Omit<OrderRecord, 'approvalReversed' | 'credits' | 'timeCreated' | 'timeModified'>,
  ): OrderRecord {
    const now = this.#options.now();
    const order: OrderRecord = {
      customerId: fields.customerId,
      shopId: fields.shopId,
      orderNumber: fields.orderNumber,
      paymentType: fields.paymentType,
      brand: fields.brand,
      financialInstitution: fields.financialInstitution,
      currency: fields.currency,
      amount: fields.amount,
      orderDescription: fields.orderDescription,
      orderReference: fields.orderReference,
      customerStatement: fields.customerStatement,
      sourceOrderNumber: fields.sourceOrderNumber,
      approvalReversed: false,
      credits: [],
      timeCreated: now,
      timeModified: now,
    };
    this.#remember(this.#orders, key(order.customerId, order.orderNumber), order);
    return order;
  }

  #approve(order: OrderRecord, gatewayReferenceNumber: string, autoDeposit: boolean): void {
    const now = this.#options.now();
    order.payment = {
      paymentNumber: String(this.#nextPayment++),
      approveAmount: order.amount,
      // §11.14: autoDeposit=yes deposits at approval (semantics from the parameter's name).
      depositAmount: autoDeposit ? order.amount : 0,
      state: autoDeposit ? 'payment_deposited' : 'payment_approved',
      gatewayReferenceNumber,
      timeCreated: now,
      timeModified: now,
    };
  }

  #addCredit(order: OrderRecord, amount: number): CreditRecord {
    const now = this.#options.now();
    const credit: CreditRecord = {
      creditNumber: String(this.#nextCredit++),
      amount,
      state: 'credit_refunded',
      gatewayReferenceNumber: `DGW_${order.orderNumber}_RN`,
      timeCreated: now,
      timeModified: now,
    };
    order.credits.push(credit);
    order.timeModified = now;
    return credit;
  }

  #touch(order: OrderRecord, object: { timeModified: number }): void {
    const now = this.#options.now();
    object.timeModified = now;
    order.timeModified = now;
  }

  #remember<V>(map: Map<string, V>, mapKey: string, value: V): void {
    map.delete(mapKey);
    map.set(mapKey, value);
    const max = this.#options.maxEntries ?? 100_000;
    while (map.size > max) {
      const oldest = map.keys().next();
      if (oldest.done) break;
      map.delete(oldest.value);
    }
  }
}

function key(customerId: string, orderNumber: string): string {
  return `${customerId}\u0000${orderNumber}`;
}

/** Sum of live credits in minor units. */
export function refunded(order: OrderRecord): number {
  return order.credits
    .filter((credit) => credit.state === 'credit_refunded')
    .reduce((sum, credit) => sum + credit.amount, 0);
}

/** What can still be refunded: deposited minus live credits. */
export function refundable(order: OrderRecord): number {
  return Math.max(0, (order.payment?.depositAmount ?? 0) - refunded(order));
}

/**
 * The order's state (§4.4): `CLOSED` after an approval reversal or once everything deposited
 * is refunded, `REFUNDABLE` while deposited money can be refunded, `ORDERED` while approved and
 * not deposited.
 *
 * @example
 * ```ts
 * orderState(order); // 'ORDERED'
 * ```
 */
export function orderState(order: OrderRecord): 'ORDERED' | 'REFUNDABLE' | 'CLOSED' {
  if (order.payment === undefined || order.approvalReversed) return 'CLOSED';
  if (refundable(order) > 0) return 'REFUNDABLE';
  return order.payment.depositAmount > 0 ? 'CLOSED' : 'ORDERED';
}

/**
 * The operations a payment allows now (§4.4, e.g. `DEPOSIT,APPROVEREVERSAL`).
 *
 * @example
 * ```ts
 * paymentOperations(order); // ['DEPOSIT', 'APPROVEREVERSAL']
 * ```
 */
export function paymentOperations(order: OrderRecord): string[] {
  const payment = order.payment;
  if (payment === undefined || order.approvalReversed) return [];
  const operations: string[] = [];
  if (payment.depositAmount < payment.approveAmount) operations.push('DEPOSIT');
  if (payment.depositAmount === 0) operations.push('APPROVEREVERSAL');
  if (payment.depositAmount > 0 && refunded(order) === 0) operations.push('DEPOSITREVERSAL');
  return operations;
}

/**
 * The operations an order allows now: its payment's plus `REFUND` while money is refundable.
 *
 * @example
 * ```ts
 * orderOperations(order); // ['DEPOSITREVERSAL', 'REFUND']
 * ```
 */
export function orderOperations(order: OrderRecord): string[] {
  const operations = paymentOperations(order);
  if (refundable(order) > 0) operations.push('REFUND');
  return operations;
}
