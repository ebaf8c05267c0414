/**
 * What every route of the shop backend may use.
 */
import type { ShopDatabase } from './db.ts';
import { HttpError } from './http.ts';
import type { ShopClient } from './shop-client.ts';

/** The backend's dependencies and addresses. */
export interface ShopContext {
  db: ShopDatabase;
  client: ShopClient;
  /** Origin the person's browser uses for the shop pages, e.g. `http://127.0.0.1:5173`. */
  shopUrl: string;
  /** Where the gateway POSTs confirmations; must be reachable from the gateway. */
  confirmUrl: string;
  currency: string;
  language: string;
  /** True against the emulator: the checkout shows the test cards. */
  testMode: boolean;
}

/**
 * Turns an error of the server-helpers client into an answer for the page: the gateway's
 * consumer messages when there are some, a generic text otherwise (never internals).
 *
 * @example
 * ```ts
 * try { await client.payment.start(input); } catch (error) { throw gatewayFailure(error); }
 * ```
 */
export function gatewayFailure(error: unknown): HttpError {
  const code = (error as { code?: unknown } | null)?.code;
  const details = (error as { gatewayErrors?: unknown } | null)?.gatewayErrors;
  const messages = Array.isArray(details)
    ? details
        .map((detail) => (detail as { consumerMessage?: unknown }).consumerMessage)
        .filter((message): message is string => typeof message === 'string' && message !== '')
    : [];
  const gatewayCodes = Array.isArray(details)
    ? details.map((detail) => String((detail as { errorCode?: unknown }).errorCode ?? ''))
    : [];
  return new HttpError(
    502,
    typeof code === 'string' ? code : 'GATEWAY_UNAVAILABLE',
    messages[0] ?? 'The payment service could not be reached. Please try again in a moment.',
    { consumerMessages: messages, gatewayCodes },
  );
}
