/**
 * Server-side sessions: a random id in an HttpOnly cookie, the data in SQLite. Holds the cart
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

/**
 * Loads the session of a request, creating one (and setting its cookie) when there is none.
 *
 * @example
 * ```ts
 * const session = loadSession(db, request, response);
 * session.data.cart.mug = 1;
 * session.save();
 * ```
 */
export function loadSession(
  db: ShopDatabase,
  request: IncomingMessage,
  response: ServerResponse,
): { id: string; data: SessionData; save(): void } {
  const cookieId = parseCookies(request.headers.cookie)[SESSION_COOKIE];
  const stored = cookieId && ID_PATTERN.test(cookieId) ? db.getSession(cookieId) : undefined;
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
  if (!stored) db.saveSession(id, { ...data });
  return {
    id,
    data,
    save() {
      db.saveSession(id, { ...data });
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
