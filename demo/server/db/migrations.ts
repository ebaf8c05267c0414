/**
 * Versioned schema migrations, applied at start under one lock so that any number of instances
 * starting together on a fresh or an old database all come up (issue 13). SQLite: the version
 * is `PRAGMA user_version`, read and raised inside one `BEGIN IMMEDIATE` transaction.
 * PostgreSQL: a `schema_version` table, read and raised inside one transaction that holds an
 * advisory lock. Append new entries; never edit one that has shipped.
 */
import { type Kysely, sql } from 'kysely';
import type { DatabaseConnection, Dialect } from './connect.ts';
import { type Executor, writeTransaction } from './transactions.ts';

type Migration = (db: Executor, dialect: Dialect) => Promise<void>;

/** Any constant: every instance of this shop takes the same PostgreSQL advisory lock. */
const MIGRATION_LOCK = 7_320_113;

const MIGRATIONS: readonly Migration[] = [
  async (db, dialect) => {
    // biome-ignore lint/suspicious/noExplicitAny: the schema builder works on tables not yet in ShopSchema
    const schema = (db as Kysely<any>).schema;
    const serial = (table: ReturnType<typeof schema.createTable>) =>
      dialect === 'postgres'
        ? table.addColumn('id', 'serial', (c) => c.primaryKey())
        : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
    await schema
      .createTable('orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status IN ('open', 'pending', 'paid', 'cancelled', 'failed')`),
      )
      .addColumn('order_ident', 'text', (c) => c.notNull().unique())
      .addColumn('storage_id', 'text')
      .addColumn('payment_type', 'text', (c) => c.notNull())
      .addColumn('anonymised', 'text', (c) => c.notNull())
      .addColumn('lines', 'text', (c) => c.notNull())
      .addColumn('discount_code', 'text')
      .addColumn('discount_cents', 'integer', (c) => c.notNull())
      .addColumn('shipping_cents', 'integer', (c) => c.notNull())
      .addColumn('amount_cents', 'integer', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('gateway_order_number', 'text')
      .addColumn('deposited_cents', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('refunded_cents', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await serial(schema.createTable('confirmations'))
      .addColumn('order_id', 'text', (c) => c.references('orders.id'))
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('last_received_at', 'text', (c) => c.notNull())
      .addColumn('times_received', 'integer', (c) => c.notNull())
      .addColumn('body_sha256', 'text', (c) => c.notNull().unique())
      .addColumn('payment_state', 'text', (c) => c.notNull())
      .addColumn('verified', 'integer', (c) => c.notNull())
      .addColumn('rejected_reason', 'text')
      .addColumn('fields', 'text', (c) => c.notNull())
      .execute();
    await schema
      .createIndex('confirmations_order')
      .on('confirmations')
      .column('order_id')
      .execute();
    await serial(schema.createTable('operations'))
      .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('operation', 'text', (c) =>
        c.notNull().check(sql`operation IN ('deposit', 'refund')`),
      )
      .addColumn('amount_cents', 'integer', (c) => c.notNull())
      .addColumn('ok', 'integer', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  // Unsigned fields are stored clipped (stored-fields.ts): the size received and whether
  // anything was cut are kept beside them.
  async (db) => {
    for (const column of ['body_bytes', 'fields_clipped']) {
      await db.schema
        .alterTable('confirmations')
        .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    }
  },
  // Deposits and refunds are reserved before the gateway is called; sessions are stored per
  // part so overlapping requests of one session do not overwrite each other (issue 13).
  async (db) => {
    for (const column of ['deposit_pending_cents', 'refund_pending_cents']) {
      await db.schema
        .alterTable('orders')
        .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    }
    for (const column of ['cart', 'checkout', 'order_ids']) {
      await db.schema.alterTable('sessions').addColumn(column, 'text').execute();
    }
  },
];

/** The schema version after migrating. */
export const SCHEMA_VERSION = MIGRATIONS.length;

async function apply(trx: Executor, dialect: Dialect, from: number): Promise<void> {
  for (const [index, migration] of MIGRATIONS.entries()) {
    if (index >= from) await migration(trx, dialect);
  }
}

/**
 * Brings the database to {@link SCHEMA_VERSION}; safe when several instances call it at once.
 *
 * @example
 * ```ts
 * await migrate(await connect({ file: 'shop.sqlite' }));
 * ```
 */
export async function migrate({ db, dialect }: DatabaseConnection): Promise<void> {
  if (dialect === 'sqlite') {
    await writeTransaction(db, dialect, async (trx) => {
      const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(trx);
      const version = rows[0]?.user_version ?? 0;
      if (version >= SCHEMA_VERSION) return;
      await apply(trx, dialect, version);
      await sql.raw(`PRAGMA user_version = ${SCHEMA_VERSION}`).execute(trx);
    });
    return;
  }
  await writeTransaction(db, dialect, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)`.execute(trx);
    const { rows } = await sql<{ version: number | null }>`
      SELECT max(version) AS version FROM schema_version`.execute(trx);
    const version = rows[0]?.version ?? 0;
    if (version >= SCHEMA_VERSION) return;
    await apply(trx, dialect, version);
    await sql`INSERT INTO schema_version (version) VALUES (${SCHEMA_VERSION})`.execute(trx);
  });
}
