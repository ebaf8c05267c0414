/**
 * Transactions that never fail for a lock. SQLite: `BEGIN IMMEDIATE` takes the write lock
 * before the first read, so a read-then-write never hits SQLITE_BUSY_SNAPSHOT halfway (issue
 * 13); waiting for the lock is the busy timeout's job. PostgreSQL: READ COMMITTED with row
 * locks. Either way a busy, serialization or deadlock error is retried, never handed to the
 * gateway as a NOK.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Dialect } from './connect.ts';
import type { ShopSchema } from './schema.ts';

/** Either a transaction or the database: what a query runs on. */
export type Executor = Kysely<ShopSchema> | Transaction<ShopSchema>;

const RETRYABLE = new Set([
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_LOCKED',
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
]);

/**
 * Whether an error only says "try again": a lock, a busy file or a serialization conflict.
 *
 * @example
 * ```ts
 * isRetryable({ code: 'SQLITE_BUSY' }); // true
 * ```
 */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/**
 * Runs `work` until it does not fail with a retryable error (at most `attempts` times), with a
 * short random wait between tries so racing instances fall out of step.
 *
 * @example
 * ```ts
 * await retrying(() => db.insertInto('orders').values(row).execute());
 * ```
 */
export async function retrying<T>(work: () => Promise<T>, attempts = 50): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isRetryable(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

/**
 * Runs `work` in one write transaction (retried as a whole on a lock or conflict).
 *
 * @example
 * ```ts
 * await writeTransaction(db, 'sqlite', async (trx) => trx.updateTable('orders')…);
 * ```
 */
export function writeTransaction<T>(
  db: Kysely<ShopSchema>,
  dialect: Dialect,
  work: (trx: Executor) => Promise<T>,
): Promise<T> {
  if (dialect === 'postgres') return retrying(() => db.transaction().execute(work));
  // Kysely's SQLite driver hands one connection to one caller at a time, so nothing else of
  // this process runs between BEGIN IMMEDIATE and COMMIT.
  return retrying(() =>
    db.connection().execute(async (connection) => {
      await sql`BEGIN IMMEDIATE`.execute(connection);
      try {
        const result = await work(connection);
        await sql`COMMIT`.execute(connection);
        return result;
      } catch (error) {
        await sql`ROLLBACK`.execute(connection).catch(() => {});
        throw error;
      }
    }),
  );
}
