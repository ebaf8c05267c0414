/**
 * The queries of the shop database, written once with Kysely for SQLite and PostgreSQL. Every
 * state change that must happen exactly once is a conditional update or runs in
 * {@link writeTransaction}, so two instances on one database never apply a confirmation twice,
 * never both spend the same refundable amount, and never answer NOK for a lock.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import {
  type ConfirmationRow,
  type OperationRow,
  type OrderRow,
  type ShopDatabase,
  toConfirmation,
  toOperation,
  toOrder,
} from '../db.ts';
import { nextStatus, type PaymentState } from '../order-state.ts';
import type { DatabaseConnection } from './connect.ts';
import { type Executor, retrying, writeTransaction } from './transactions.ts';

const now = () => new Date().toISOString();

function parseOr(text: string | null | undefined): unknown {
  return text === null || text === undefined ? undefined : JSON.parse(text);
}

/**
 * The {@link ShopDatabase} over an open, migrated connection.
 *
 * @example
 * ```ts
 * const store = createShopStore(await connect({ file }));
 * ```
 */
export function createShopStore(connection: DatabaseConnection): ShopDatabase {
  const { db, dialect } = connection;

  const selectOrder = async (executor: Executor, id: string, lock = false) => {
    let query = executor.selectFrom('orders').selectAll().where('id', '=', id);
    // PostgreSQL: the row lock orders concurrent confirmations of one order. SQLite has no
    // row locks and needs none: BEGIN IMMEDIATE already made this transaction the only writer.
    if (lock && dialect === 'postgres') query = query.forUpdate();
    return (await query.executeTakeFirst()) as OrderRow | undefined;
  };

  return {
    dialect,
    async createOrder(order) {
      const at = now();
      await retrying(() =>
        db
          .insertInto('orders')
          .values({
            id: order.id,
            created_at: at,
            updated_at: at,
            status: 'open',
            order_ident: order.orderIdent,
            storage_id: order.storageId ?? null,
            payment_type: order.paymentType,
            anonymised: JSON.stringify(order.anonymised),
            lines: JSON.stringify(order.lines),
            discount_code: order.discountCode ?? null,
            discount_cents: order.discountCents,
            shipping_cents: order.shippingCents,
            amount_cents: order.amountCents,
            currency: order.currency,
            gateway_order_number: null,
            deposited_cents: 0,
            refunded_cents: 0,
          })
          .execute(),
      );
      return toOrder((await selectOrder(db, order.id))!);
    },
    async markStartFailed(id) {
      await retrying(() =>
        db
          .updateTable('orders')
          .set({ status: 'failed', updated_at: now() })
          .where('id', '=', id)
          .where('status', '=', 'open')
          .execute(),
      );
    },
    async getOrder(id) {
      const row = await selectOrder(db, id);
      return row ? toOrder(row) : undefined;
    },
    async listOrders(options = {}) {
      const rows = await db
        .selectFrom('orders')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(options.limit ?? 100)
        .execute();
      return (rows as OrderRow[]).map(toOrder);
    },
    async confirmationsOf(orderId) {
      const rows = await db
        .selectFrom('confirmations')
        .selectAll()
        .where('order_id', '=', orderId)
        .orderBy('id')
        .execute();
      return (rows as ConfirmationRow[]).map(toConfirmation);
    },
    async unmatchedConfirmations(options = {}) {
      const rows = await db
        .selectFrom('confirmations')
        .selectAll()
        .where('order_id', 'is', null)
        .orderBy('id', 'desc')
        .limit(options.limit ?? 50)
        .execute();
      return (rows as ConfirmationRow[]).map(toConfirmation);
    },
    recordConfirmation(receipt) {
      const hash = createHash('sha256').update(receipt.rawBody).digest('hex');
      return writeTransaction(db, dialect, async (trx) => {
        const at = now();
        const orderRow = receipt.orderId
          ? await selectOrder(trx, receipt.orderId, true)
          : undefined;
        // The unique body hash decides which of two racing deliveries is the first.
        const inserted = (await trx
          .insertInto('confirmations')
          .values({
            order_id: orderRow?.id ?? null,
            received_at: at,
            last_received_at: at,
            times_received: 1,
            body_sha256: hash,
            payment_state: receipt.paymentState,
            verified: receipt.verified ? 1 : 0,
            rejected_reason: receipt.rejectedReason ?? null,
            fields: JSON.stringify(receipt.fields),
            body_bytes: receipt.bodyBytes,
            fields_clipped: receipt.clipped ? 1 : 0,
          })
          .onConflict((conflict) => conflict.column('body_sha256').doNothing())
          .returningAll()
          .executeTakeFirst()) as ConfirmationRow | undefined;
        if (!inserted) {
          const row = (await trx
            .updateTable('confirmations')
            .set((eb) => ({ times_received: eb('times_received', '+', 1), last_received_at: at }))
            .where('body_sha256', '=', hash)
            .returningAll()
            .executeTakeFirstOrThrow()) as ConfirmationRow;
          const order = row.order_id ? await selectOrder(trx, row.order_id) : undefined;
          return {
            confirmation: toConfirmation(row),
            repeated: true,
            order: order ? toOrder(order) : undefined,
          };
        }
        if (orderRow && receipt.rejectedReason === undefined) {
          const status = nextStatus(orderRow.status, receipt.paymentState as PaymentState);
          // Only a verified confirmation names the gateway order that is later deposited and
          // refunded; the one that makes the order paid wins over an earlier PENDING's.
          const orderNumber =
            receipt.verified &&
            receipt.verifiedOrderNumber !== undefined &&
            orderRow.status !== 'paid'
              ? receipt.verifiedOrderNumber
              : orderRow.gateway_order_number;
          await trx
            .updateTable('orders')
            .set({ status, gateway_order_number: orderNumber, updated_at: at })
            .where('id', '=', orderRow.id)
            .execute();
        }
        const updated = orderRow ? await selectOrder(trx, orderRow.id) : undefined;
        return {
          confirmation: toConfirmation(inserted),
          repeated: false,
          order: updated ? toOrder(updated) : undefined,
        };
      });
    },
    async reserveOperation({ orderId, operation, amountCents }) {
      const result = await retrying(() => {
        const query = db
          .updateTable('orders')
          .where('id', '=', orderId)
          .where('status', '=', 'paid');
        if (operation === 'deposit') {
          return query
            .set((eb) => ({ deposit_pending_cents: eb('deposit_pending_cents', '+', amountCents) }))
            .where(
              sql<boolean>`deposited_cents + deposit_pending_cents + ${amountCents} <= amount_cents`,
            )
            .executeTakeFirst();
        }
        // Only settled deposits can be refunded.
        return query
          .set((eb) => ({ refund_pending_cents: eb('refund_pending_cents', '+', amountCents) }))
          .where(
            sql<boolean>`refunded_cents + refund_pending_cents + ${amountCents} <= deposited_cents`,
          )
          .executeTakeFirst();
      });
      return result.numUpdatedRows > 0n;
    },
    settleOperation({ orderId, operation, amountCents, ok, detail }) {
      return writeTransaction(db, dialect, async (trx) => {
        const at = now();
        const pending = operation === 'deposit' ? 'deposit_pending_cents' : 'refund_pending_cents';
        const settled = operation === 'deposit' ? 'deposited_cents' : 'refunded_cents';
        await trx
          .updateTable('orders')
          .set((eb) => ({
            [pending]: eb(pending, '-', amountCents),
            ...(ok && { [settled]: eb(settled, '+', amountCents) }),
            updated_at: at,
          }))
          .where('id', '=', orderId)
          .execute();
        const row = await trx
          .insertInto('operations')
          .values({
            order_id: orderId,
            at,
            operation,
            amount_cents: amountCents,
            ok: ok ? 1 : 0,
            detail,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toOperation(row as OperationRow);
      });
    },
    async operationsOf(orderId) {
      const rows = await db
        .selectFrom('operations')
        .selectAll()
        .where('order_id', '=', orderId)
        .orderBy('id')
        .execute();
      return (rows as OperationRow[]).map(toOperation);
    },
    async getSession(id) {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      // A session written by schema version 1 has its parts in `data` only.
      const legacy = JSON.parse(row.data) as Record<string, unknown>;
      return {
        cart: parseOr(row.cart) ?? legacy.cart,
        checkout: parseOr(row.checkout) ?? legacy.checkout,
        orderIds: parseOr(row.order_ids) ?? legacy.orderIds,
      };
    },
    async createSession(id, parts) {
      await retrying(() =>
        db
          .insertInto('sessions')
          .values({
            id,
            data: '{}',
            updated_at: now(),
            cart: JSON.stringify(parts.cart),
            checkout: JSON.stringify(parts.checkout),
            order_ids: JSON.stringify(parts.orderIds),
          })
          .onConflict((conflict) => conflict.column('id').doNothing())
          .execute(),
      );
    },
    async updateSession(id, parts) {
      const changes = {
        ...(parts.cart !== undefined && { cart: JSON.stringify(parts.cart) }),
        ...(parts.checkout !== undefined && { checkout: JSON.stringify(parts.checkout) }),
        ...(parts.orderIds !== undefined && { order_ids: JSON.stringify(parts.orderIds) }),
      };
      if (Object.keys(changes).length === 0) return;
      await retrying(() =>
        db
          .updateTable('sessions')
          .set({ ...changes, updated_at: now() })
          .where('id', '=', id)
          .execute(),
      );
    },
    close() {
      return connection.close();
    },
  };
}
