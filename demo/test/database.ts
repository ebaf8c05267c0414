/**
 * A fresh, empty database for one test file: a SQLite file in a temp folder by default, or,
 * when `DATABASE_URL` is set (the suite's PostgreSQL run), a new database on that server. So
 * every test runs unchanged on both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where a test's database is, in the forms the shop takes. */
export interface TestDatabase {
  /** Pass to `startShopServer` / `openShopDatabase` / a shop process's environment. */
  dbFile: string;
  databaseUrl: string | undefined;
  location: { file: string } | { url: string };
  env: Record<string, string>;
  /** Temp folder for anything else the test writes. */
  dir: string;
  drop(): Promise<void>;
}

/** Which database the suite runs on. */
export const SUITE_DIALECT = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

let counter = 0;

/**
 * Creates the database (PostgreSQL: `CREATE DATABASE`; SQLite: only a folder, the shop creates
 * the file).
 *
 * @example
 * ```ts
 * const database = await freshDatabase('confirm');
 * const shop = await startShopServer({ ...database, gateway });
 * ```
 */
export async function freshDatabase(name: string): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `demo-${name}-`));
  const dbFile = join(dir, 'shop.sqlite');
  const server = process.env.DATABASE_URL;
  if (!server) {
    return {
      dbFile,
      databaseUrl: undefined,
      location: { file: dbFile },
      env: { SHOP_DB: dbFile },
      dir,
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  counter += 1;
  const database = `shop_${name.replace(/\W/g, '_')}_${process.pid}_${counter}`.toLowerCase();
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  return {
    dbFile,
    databaseUrl,
    location: { url: databaseUrl },
    env: { DATABASE_URL: databaseUrl },
    dir,
    async drop() {
      rmSync(dir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
    },
  };
}
