/**
 * The shop's SQLite database: orders, every confirmation as received, backend operations and
 * sessions. One file under `demo/data/` by default; migrations run at open, so a restart of
 * the backend loses nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ensureSqlite } from '../scripts/ensure-sqlite.mjs';
import { MIGRATIONS } from './migrations.ts';
import { nextStatus, type OrderStatus, type PaymentState } from './order-state.ts';

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
  /** The gateway's order number, known from the first confirmation (qenta-protocol §11.11). */
  gatewayOrderNumber: string | undefined;
  depositedCents: number;
  refundedCents: number;
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

/** The shop's database. */
export interface ShopDatabase {
  createOrder(order: NewOrder): Order;
  getOrder(id: string): Order | undefined;
  /** Marks an order failed when frontend init refused it (no confirmation will come). */
  markStartFailed(id: string): void;
  listOrders(options?: { limit?: number }): Order[];
  confirmationsOf(orderId: string): StoredConfirmation[];
  /** Every confirmation that matched no order (tampered or unknown), newest first. */
  unmatchedConfirmations(options?: { limit?: number }): StoredConfirmation[];
  /** Stores a confirmation and applies it to its order, in one transaction. */
  recordConfirmation(receipt: ConfirmationReceipt): RecordedConfirmation;
  recordOperation(operation: Omit<StoredOperation, 'id' | 'at'>): StoredOperation;
  operationsOf(orderId: string): StoredOperation[];
  getSession(id: string): Record<string, unknown> | undefined;
  saveSession(id: string, data: Record<string, unknown>): void;
  close(): void;
}

interface OrderRow {
  id: string;
  created_at: string;
  updated_at: string;
  status: OrderStatus;
  order_ident: string;
  storage_id: string | null;
  payment_type: string;
  anonymised: string;
  lines: string;
  discount_code: string | null;
  discount_cents: number;
  shipping_cents: number;
  amount_cents: number;
  currency: string;
  gateway_order_number: string | null;
  deposited_cents: number;
  refunded_cents: number;
}

interface ConfirmationRow {
  id: number;
  order_id: string | null;
  received_at: string;
  last_received_at: string;
  times_received: number;
  payment_state: string;
  verified: number;
  rejected_reason: string | null;
  fields: string;
  body_bytes: number;
  fields_clipped: number;
}

interface OperationRow {
  id: number;
  order_id: string;
  at: string;
  operation: 'deposit' | 'refund';
  amount_cents: number;
  ok: number;
  detail: string;
}

function toOrder(row: OrderRow): Order {
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
  };
}

function toConfirmation(row: ConfirmationRow): StoredConfirmation {
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

function toOperation(row: OperationRow): StoredOperation {
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
 * Opens (and creates or migrates) the shop database. Builds the SQLite addon first if this
 * machine has not built it yet.
 *
 * @example
 * ```ts
 * const db = openShopDatabase({ file: 'demo/data/shop.sqlite' });
 * db.listOrders();
 * ```
 */
export function openShopDatabase(options: { file: string }): ShopDatabase {
  ensureSqlite();
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Two processes may never share a file by accident, but a restart may race the old one.
  sqlite.pragma('busy_timeout = 2000');
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  for (const [index, migration] of MIGRATIONS.entries()) {
    if (index < version) continue;
    sqlite.transaction(() => {
      sqlite.exec(migration);
      sqlite.pragma(`user_version = ${index + 1}`);
    })();
  }

  const now = () => new Date().toISOString();
  const selectOrder = sqlite.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?');

  const recordConfirmation = sqlite.transaction(
    (receipt: ConfirmationReceipt): RecordedConfirmation => {
      const hash = createHash('sha256').update(receipt.rawBody).digest('hex');
      const at = now();
      const existing = sqlite
        .prepare<[string], ConfirmationRow>('SELECT * FROM confirmations WHERE body_sha256 = ?')
        .get(hash);
      if (existing) {
        sqlite
          .prepare(
            'UPDATE confirmations SET times_received = times_received + 1, last_received_at = ? WHERE id = ?',
          )
          .run(at, existing.id);
        const row = sqlite
          .prepare<[number], ConfirmationRow>('SELECT * FROM confirmations WHERE id = ?')
          .get(existing.id)!;
        const orderRow = existing.order_id ? selectOrder.get(existing.order_id) : undefined;
        return {
          confirmation: toConfirmation(row),
          repeated: true,
          order: orderRow ? toOrder(orderRow) : undefined,
        };
      }
      const orderRow = receipt.orderId ? selectOrder.get(receipt.orderId) : undefined;
      const info = sqlite
        .prepare(
          `INSERT INTO confirmations
             (order_id, received_at, last_received_at, times_received, body_sha256, payment_state,
              verified, rejected_reason, fields, body_bytes, fields_clipped)
           VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          orderRow?.id ?? null,
          at,
          at,
          hash,
          receipt.paymentState,
          receipt.verified ? 1 : 0,
          receipt.rejectedReason ?? null,
          JSON.stringify(receipt.fields),
          receipt.bodyBytes,
          receipt.clipped ? 1 : 0,
        );
      if (orderRow && receipt.rejectedReason === undefined) {
        const state = receipt.paymentState as PaymentState;
        const status = nextStatus(orderRow.status, state);
        // Only a verified confirmation names the gateway order that is later deposited and
        // refunded; the one that makes the order paid wins over an earlier PENDING's.
        const orderNumber =
          receipt.verified &&
          receipt.verifiedOrderNumber !== undefined &&
          orderRow.status !== 'paid'
            ? receipt.verifiedOrderNumber
            : orderRow.gateway_order_number;
        sqlite
          .prepare(
            'UPDATE orders SET status = ?, gateway_order_number = ?, updated_at = ? WHERE id = ?',
          )
          .run(status, orderNumber, at, orderRow.id);
      }
      const row = sqlite
        .prepare<[number | bigint], ConfirmationRow>('SELECT * FROM confirmations WHERE id = ?')
        .get(info.lastInsertRowid)!;
      const updated = orderRow ? selectOrder.get(orderRow.id) : undefined;
      return {
        confirmation: toConfirmation(row),
        repeated: false,
        order: updated ? toOrder(updated) : undefined,
      };
    },
  );

  return {
    createOrder(order) {
      const at = now();
      sqlite
        .prepare(
          `INSERT INTO orders
             (id, created_at, updated_at, status, order_ident, storage_id, payment_type, anonymised,
              lines, discount_code, discount_cents, shipping_cents, amount_cents, currency)
           VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          order.id,
          at,
          at,
          order.orderIdent,
          order.storageId ?? null,
          order.paymentType,
          JSON.stringify(order.anonymised),
          JSON.stringify(order.lines),
          order.discountCode ?? null,
          order.discountCents,
          order.shippingCents,
          order.amountCents,
          order.currency,
        );
      return toOrder(selectOrder.get(order.id)!);
    },
    markStartFailed(id) {
      sqlite
        .prepare(
          "UPDATE orders SET status = 'failed', updated_at = ? WHERE id = ? AND status = 'open'",
        )
        .run(now(), id);
    },
    getOrder(id) {
      const row = selectOrder.get(id);
      return row ? toOrder(row) : undefined;
    },
    listOrders(options = {}) {
      return sqlite
        .prepare<[number], OrderRow>('SELECT * FROM orders ORDER BY created_at DESC, id LIMIT ?')
        .all(options.limit ?? 100)
        .map(toOrder);
    },
    confirmationsOf(orderId) {
      return sqlite
        .prepare<[string], ConfirmationRow>(
          'SELECT * FROM confirmations WHERE order_id = ? ORDER BY id',
        )
        .all(orderId)
        .map(toConfirmation);
    },
    unmatchedConfirmations(options = {}) {
      return sqlite
        .prepare<[number], ConfirmationRow>(
          'SELECT * FROM confirmations WHERE order_id IS NULL ORDER BY id DESC LIMIT ?',
        )
        .all(options.limit ?? 50)
        .map(toConfirmation);
    },
    recordConfirmation(receipt) {
      return recordConfirmation(receipt);
    },
    recordOperation(operation) {
      const at = now();
      const apply = sqlite.transaction(() => {
        const info = sqlite
          .prepare(
            'INSERT INTO operations (order_id, at, operation, amount_cents, ok, detail) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(
            operation.orderId,
            at,
            operation.operation,
            operation.amountCents,
            operation.ok ? 1 : 0,
            operation.detail,
          );
        if (operation.ok) {
          const column = operation.operation === 'deposit' ? 'deposited_cents' : 'refunded_cents';
          sqlite
            .prepare(`UPDATE orders SET ${column} = ${column} + ?, updated_at = ? WHERE id = ?`)
            .run(operation.amountCents, at, operation.orderId);
        }
        return info.lastInsertRowid;
      });
      const id = apply();
      return toOperation(
        sqlite
          .prepare<[number | bigint], OperationRow>('SELECT * FROM operations WHERE id = ?')
          .get(id)!,
      );
    },
    operationsOf(orderId) {
      return sqlite
        .prepare<[string], OperationRow>('SELECT * FROM operations WHERE order_id = ? ORDER BY id')
        .all(orderId)
        .map(toOperation);
    },
    getSession(id) {
      const row = sqlite
        .prepare<[string], { data: string }>('SELECT data FROM sessions WHERE id = ?')
        .get(id);
      return row ? JSON.parse(row.data) : undefined;
    },
    saveSession(id, data) {
      sqlite
        .prepare(
          `INSERT INTO sessions (id, data, updated_at) VALUES (?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
        )
        .run(id, JSON.stringify(data), now());
    },
    close() {
      sqlite.close();
    },
  };
}
