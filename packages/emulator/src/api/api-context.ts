/**
 * What the API surfaces need beyond the shared {@link EmulatorContext}: the merchant registry
 * (lookups by shop, since one customerId may have shops with different secrets) and limits.
 */
import type { EmulatorContext } from '../context.ts';
import type { MerchantRegistry } from '../merchants.ts';
import type { OrderStore } from '../orders.ts';

/** The context of the API route handlers (data storage, frontend init, backend). */
export interface ApiContext extends EmulatorContext {
  merchants: MerchantRegistry;
  /** The order book with the backend operations. */
  orders: OrderStore;
  /** Cap on a request body in bytes (413 beyond it). */
  maxBodyBytes: number;
  /** How long `duplicateRequestCheck=yes` remembers a frontend init (ms). */
  duplicateWindowMs: number;
}
