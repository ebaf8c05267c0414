/**
 * The shop's tables as Kysely sees them: one description for SQLite and PostgreSQL. Flags are
 * integers (0/1) and times ISO text on both, so rows read the same whatever the driver.
 */
import type { Generated } from 'kysely';
import type { OrderStatus } from '../order-state.ts';

/** `orders`: written before the payment starts. */
export interface OrdersTable {
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
  /** Deposits asked of the gateway and not answered yet (reserved before the call). */
  deposit_pending_cents: Generated<number>;
  /** Refunds asked of the gateway and not answered yet (reserved before the call). */
  refund_pending_cents: Generated<number>;
}

/** `confirmations`: every confirmation as received, one row per distinct body. */
export interface ConfirmationsTable {
  id: Generated<number>;
  order_id: string | null;
  received_at: string;
  last_received_at: string;
  times_received: number;
  body_sha256: string;
  payment_state: string;
  verified: number;
  rejected_reason: string | null;
  fields: string;
  body_bytes: Generated<number>;
  fields_clipped: Generated<number>;
}

/** `operations`: every deposit and refund asked of the gateway, failed ones too. */
export interface OperationsTable {
  id: Generated<number>;
  order_id: string;
  at: string;
  operation: 'deposit' | 'refund';
  amount_cents: number;
  ok: number;
  detail: string;
}

/** `sessions`: one column per part, so overlapping requests write different columns. */
export interface SessionsTable {
  id: string;
  /** Kept from schema version 1 (a whole-session JSON); read once, then unused. */
  data: string;
  updated_at: string;
  cart: string | null;
  checkout: string | null;
  order_ids: string | null;
}

/** The database. */
export interface ShopSchema {
  orders: OrdersTable;
  confirmations: ConfirmationsTable;
  operations: OperationsTable;
  sessions: SessionsTable;
}
