/**
 * Server-side sessions: a random id in an HttpOnly cookie, the data in the shop database, one column per part. Holds the cart
 * and the checkout in progress (the data storage's `orderIdent` and `storageId`, qenta-protocol
 * §6.7 step 1), so nothing the payment depends on lives in the browser.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CartItems } from './cart.ts';
import type { ShopDatabase } from './db.ts';
import { parseCookies } from './http.ts';

/** The checkout in progress. */
export interface CheckoutState {
  /** Unique per consumer order; the same value goes to data storage init and frontend init. */
  orderIdent?: string;
  storageId?: string;
  /** `pci3` when the storage was made for the SAQ-A iframe. */
  scriptVersion?: string;
  paymentType?: string;
  anonymised?: Record<string, string>;
  discountCode?: string;
  /** The shopper's language as the payment element sent it, one the shop offers. */
  language?: string;
}

/** What a session holds. */
export interface SessionData {
  cart: CartItems;
  checkout: CheckoutState;
  /** Orders placed in this session, newest last. */
  orderIds: string[];
}

/** Name of the session cookie. */
export const SESSION_COOKIE = 'shop_session';

const ID_PATTERN = /^[0-9a-f]{32}$/;

/** A loaded session. */
export interface Session {
  id: string;
  data: SessionData;
  /**
   * Writes the parts this request changed, and only those: two overlapping requests of one
   * session (on one instance or two) that change different parts both keep their change.
   */
  save(): Promise<void>;
}

const PARTS = ['cart', 'checkout', 'orderIds'] as const;

/**
 * Loads the session of a request, creating one (and setting its cookie) when there is none.
 *
 * @example
 * ```ts
 * const session = await loadSession(db, request, response);
 * session.data.cart.mug = 1;
 * await session.save();
 * ```
 */
export async function loadSession(
  db: ShopDatabase,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<Session> {
  const cookieId = parseCookies(request.headers.cookie)[SESSION_COOKIE];
  const stored = cookieId && ID_PATTERN.test(cookieId) ? await db.getSession(cookieId) : undefined;
  const id = stored && cookieId ? cookieId : randomBytes(16).toString('hex');
  if (!stored) {
    response.setHeader(
      'set-cookie',
      `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000`,
    );
  }
  const data: SessionData = {
    cart: (stored?.cart as CartItems | undefined) ?? {},
    checkout: (stored?.checkout as CheckoutState | undefined) ?? {},
    orderIds: (stored?.orderIds as string[] | undefined) ?? [],
  };
  if (!stored) await db.createSession(id, data);
  const loaded = Object.fromEntries(PARTS.map((part) => [part, JSON.stringify(data[part])]));
  return {
    id,
    data,
    async save() {
      const changed = PARTS.filter((part) => JSON.stringify(data[part]) !== loaded[part]);
      if (changed.length === 0) return;
      await db.updateSession(id, Object.fromEntries(changed.map((part) => [part, data[part]])));
      for (const part of changed) loaded[part] = JSON.stringify(data[part]);
    },
  };
}

/**
 * A fresh `orderIdent` (alphanumeric, qenta-protocol §3.1).
 *
 * @example
 * ```ts
 * newOrderIdent(); // 'oi3f9c…' (26 characters)
 * ```
 */
export function newOrderIdent(): string {
  return `oi${randomBytes(12).toString('hex')}`;
}
