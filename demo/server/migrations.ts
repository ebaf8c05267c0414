/**
 * Schema migrations, applied in order at open; `PRAGMA user_version` records how many ran.
 * Append new entries; never edit one that has shipped.
 */

/**
 * The migrations, oldest first.
 *
 * @example
 * ```ts
 * MIGRATIONS.length; // the schema version after migrating
 * ```
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE orders (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('open', 'pending', 'paid', 'cancelled', 'failed')),
     order_ident TEXT NOT NULL UNIQUE,
     storage_id TEXT,
     payment_type TEXT NOT NULL,
     anonymised TEXT NOT NULL,
     lines TEXT NOT NULL,
     discount_code TEXT,
     discount_cents INTEGER NOT NULL,
     shipping_cents INTEGER NOT NULL,
     amount_cents INTEGER NOT NULL,
     currency TEXT NOT NULL,
     gateway_order_number TEXT,
     deposited_cents INTEGER NOT NULL DEFAULT 0,
     refunded_cents INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE confirmations (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     order_id TEXT REFERENCES orders(id),
     received_at TEXT NOT NULL,
     last_received_at TEXT NOT NULL,
     times_received INTEGER NOT NULL,
     body_sha256 TEXT NOT NULL UNIQUE,
     payment_state TEXT NOT NULL,
     verified INTEGER NOT NULL,
     rejected_reason TEXT,
     fields TEXT NOT NULL
   );
   CREATE INDEX confirmations_order ON confirmations(order_id);
   CREATE TABLE operations (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     order_id TEXT NOT NULL REFERENCES orders(id),
     at TEXT NOT NULL,
     operation TEXT NOT NULL CHECK (operation IN ('deposit', 'refund')),
     amount_cents INTEGER NOT NULL,
     ok INTEGER NOT NULL,
     detail TEXT NOT NULL
   );
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     data TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
  // Unsigned fields are stored clipped (stored-fields.ts): the size received and whether
  // anything was cut are kept beside them.
  `ALTER TABLE confirmations ADD COLUMN body_bytes INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE confirmations ADD COLUMN fields_clipped INTEGER NOT NULL DEFAULT 0;`,
];
