/**
 * Opens the shop's database: SQLite in a file by default (embedded, nothing to run), PostgreSQL
 * when `DATABASE_URL` names one (several instances of the shop on one database).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ensureSqlite } from '../../scripts/ensure-sqlite.mjs';
import type { ShopSchema } from './schema.ts';
import { retrying } from './transactions.ts';

/** Which database a connection talks to. */
export type Dialect = 'sqlite' | 'postgres';

/** Where the database is: a SQLite file, or a PostgreSQL URL. */
export type DatabaseLocation = { file: string } | { url: string };

/** An open database. */
export interface DatabaseConnection {
  db: Kysely<ShopSchema>;
  dialect: Dialect;
  close(): Promise<void>;
}

/** How long a SQLite writer waits for another process's lock before SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the database (no migrations; see migrations.ts).
 *
 * @example
 * ```ts
 * const { db, dialect } = await connect({ url: process.env.DATABASE_URL! });
 * ```
 */
export async function connect(location: DatabaseLocation): Promise<DatabaseConnection> {
  if ('url' in location) {
    const pool = new pg.Pool({ connectionString: location.url, max: 10 });
    // An idle client that loses its server must not crash the shop; the next query reconnects.
    pool.on('error', () => {});
    const db = new Kysely<ShopSchema>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  ensureSqlite();
  if (location.file !== ':memory:') mkdirSync(dirname(location.file), { recursive: true });
  const sqlite = new Database(location.file);
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // Switching to WAL needs a moment alone with the file; two instances starting together
  // collide here with SQLITE_BUSY, which the busy timeout does not always cover: retried.
  await retrying(async () => {
    sqlite.pragma('journal_mode = WAL');
  });
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<ShopSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
