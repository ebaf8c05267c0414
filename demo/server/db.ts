/**
 * The shop's database: orders, every confirmation as received, backend operations and
 * sessions. SQLite in one file under `demo/data/` by default; PostgreSQL when `DATABASE_URL`
 * is set, so several instances share one database (issue 13). One set of queries (Kysely) for
 * both; migrations run at open, so a restart loses nothing.
 */
import type { Selectable } from 'kysely';
import { connect, type DatabaseLocation, type Dialect } from './db/connect.ts';
import { migrate } from './db/migrations.ts';
import type { ConfirmationsTable, OperationsTable, OrdersTable } from './db/schema.ts';
import { createShopStore } from './db/store.ts';
import type { OrderStatus } from './order-state.ts';

export type { Dialect } from './db/connect.ts';

/** One line of an order as it was priced when the order was placed. */
export interface OrderLine {
  productId: string;
  name: string;
  quantity: number;
  unitCents: number;
  taxRate: number;
}

/** An order row. */
export interface Order {
  id: string;
  createdAt: string;
  updatedAt: string;
  status: OrderStatus;
  orderIdent: string;
  storageId: string | undefined;
  paymentType: string;
  /** Anonymised payment data shown on the review page (masked PAN, IBAN, …). */
  anonymised: Record<string, string>;
  lines: OrderLine[];
  discountCode: string | undefined;
  discountCents: number;
  shippingCents: number;
  amountCents: number;
  currency: string;
  /** The gateway's order number, from the verified confirmation (qenta-protocol §11.11). */
  gatewayOrderNumber: string | undefined;
  depositedCents: number;
  refundedCents: number;
  /** Reserved for deposits / refunds whose gateway call has not been answered yet. */
  depositPendingCents: number;
  refundPendingCents: number;
}

/** What is needed to place an order. */
export type NewOrder = Pick<
  Order,
  | 'id'
  | 'orderIdent'
  | 'storageId'
  | 'paymentType'
  | 'anonymised'
  | 'lines'
  | 'discountCode'
  | 'discountCents'
  | 'shippingCents'
  | 'amountCents'
  | 'currency'
>;

/** A confirmation as the gateway sent it. */
export interface StoredConfirmation {
  id: number;
  orderId: string | undefined;
  receivedAt: string;
  lastReceivedAt: string;
  timesReceived: number;
  paymentState: string;
  /** True when the fingerprint checked out (SUCCESS/PENDING). */
  verified: boolean;
  /** Set when the shop refused it; the reason code says why. */
  rejectedReason: string | undefined;
  /** The fields as received, fingerprint left out; unsigned ones clipped (stored-fields.ts). */
  fields: Record<string, string>;
  /** True when unsigned fields were cut to the storage budget. */
  clipped: boolean;
  /** Size of the body as received, in bytes. */
  bodyBytes: number;
}

/** A deposit or refund the shop asked the gateway for. */
export interface StoredOperation {
  id: number;
  orderId: string;
  at: string;
  operation: 'deposit' | 'refund';
  amountCents: number;
  ok: boolean;
  /** paymentNumber / creditNumber on success, the gateway's message otherwise. */
  detail: string;
}

/** What a confirmation receipt needs. */
export interface ConfirmationReceipt {
  /** The decoded body, fingerprint already removed, unsigned fields clipped. */
  fields: Record<string, string>;
  clipped: boolean;
  bodyBytes: number;
  /** The raw body, for the duplicate check only (hashed, not stored). */
  rawBody: string;
  paymentState: string;
  orderId: string | undefined;
  verified: boolean;
  /**
   * The gateway's order number from a verified confirmation's signed fields. Left out for
   * anything unverified: an unsigned CANCEL or FAILURE is no fact about an order (design.md,
   * "Decisions"), whatever `orderNumber` it carries.
   */
  verifiedOrderNumber?: string;
  rejectedReason?: string;
}

/** The result of recording a confirmation. */
export interface RecordedConfirmation {
  confirmation: StoredConfirmation;
  /** True when this exact body was received before: nothing changed. */
  repeated: boolean;
  /** The order after the confirmation, when it belongs to one. */
  order: Order | undefined;
}

/** A deposit or refund about to be asked of the gateway. */
export interface OperationRequest {
  orderId: string;
  operation: 'deposit' | 'refund';
  amountCents: number;
}

/** The parts of a session, each stored in its own column. */
export interface SessionParts {
  cart: unknown;
  checkout: unknown;
  orderIds: unknown;
}

/** The shop's database (SQLite or PostgreSQL; the same queries through Kysely). */
export interface ShopDatabase {
  readonly dialect: Dialect;
  createOrder(order: NewOrder): Promise<Order>;
  getOrder(id: string): Promise<Order | undefined>;
  /** Marks an order failed when frontend init refused it (no confirmation will come). */
  markStartFailed(id: string): Promise<void>;
  listOrders(options?: { limit?: number }): Promise<Order[]>;
  confirmationsOf(orderId: string): Promise<StoredConfirmation[]>;
  /** Every confirmation that matched no order (tampered or unknown), newest first. */
  unmatchedConfirmations(options?: { limit?: number }): Promise<StoredConfirmation[]>;
  /**
   * Stores a confirmation and applies it to its order, in one transaction that takes the write
   * lock first and is retried on a lock or conflict; a repeated body changes nothing.
   */
  recordConfirmation(receipt: ConfirmationReceipt): Promise<RecordedConfirmation>;
  /**
   * Reserves the amount of a deposit or refund before the gateway is called: one conditional
   * update, so two owners on two instances can never together exceed what the order allows.
   * False when the amount is not available (any more).
   */
  reserveOperation(request: OperationRequest): Promise<boolean>;
  /** Records the gateway's answer: a success settles the reservation, a failure releases it. */
  settleOperation(
    request: OperationRequest & { ok: boolean; detail: string },
  ): Promise<StoredOperation>;
  operationsOf(orderId: string): Promise<StoredOperation[]>;
  getSession(id: string): Promise<Partial<SessionParts> | undefined>;
  createSession(id: string, parts: SessionParts): Promise<void>;
  /** Writes only the given parts: overlapping requests that change different parts both land. */
  updateSession(id: string, parts: Partial<SessionParts>): Promise<void>;
  close(): Promise<void>;
}

// Rows as the queries return them (`selectAll`): the table descriptions of db/schema.ts, read.
export type OrderRow = Selectable<OrdersTable>;
export type ConfirmationRow = Selectable<ConfirmationsTable>;
export type OperationRow = Selectable<OperationsTable>;

export function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    status: row.status,
    orderIdent: row.order_ident,
    storageId: row.storage_id ?? undefined,
    paymentType: row.payment_type,
    anonymised: JSON.parse(row.anonymised),
    lines: JSON.parse(row.lines),
    discountCode: row.discount_code ?? undefined,
    discountCents: row.discount_cents,
    shippingCents: row.shipping_cents,
    amountCents: row.amount_cents,
    currency: row.currency,
    gatewayOrderNumber: row.gateway_order_number ?? undefined,
    depositedCents: row.deposited_cents,
    refundedCents: row.refunded_cents,
    depositPendingCents: row.deposit_pending_cents,
    refundPendingCents: row.refund_pending_cents,
  };
}

export function toConfirmation(row: ConfirmationRow): StoredConfirmation {
  return {
    id: row.id,
    orderId: row.order_id ?? undefined,
    receivedAt: row.received_at,
    lastReceivedAt: row.last_received_at,
    timesReceived: row.times_received,
    paymentState: row.payment_state,
    verified: row.verified === 1,
    rejectedReason: row.rejected_reason ?? undefined,
    fields: JSON.parse(row.fields),
    clipped: row.fields_clipped === 1,
    bodyBytes: row.body_bytes,
  };
}

export function toOperation(row: OperationRow): StoredOperation {
  return {
    id: row.id,
    orderId: row.order_id,
    at: row.at,
    operation: row.operation,
    amountCents: row.amount_cents,
    ok: row.ok === 1,
    detail: row.detail,
  };
}

/**
 * Opens (and creates or migrates) the shop database: PostgreSQL when `url` is given, else the
 * SQLite `file` (built on first use if this machine has not built the addon yet).
 *
 * @example
 * ```ts
 * const db = await openShopDatabase({ file: 'demo/data/shop.sqlite' });
 * await db.listOrders();
 * ```
 */
export async function openShopDatabase(location: DatabaseLocation): Promise<ShopDatabase> {
  const connection = await connect(location);
  try {
    await migrate(connection);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return createShopStore(connection);
}
