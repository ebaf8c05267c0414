/**
 * `createQentaClient`: the typed client for the gateway's server-to-server surfaces
 * (qenta-protocol §1): data storage, payment start, backend operations.
 */
import type { z } from 'zod';
import { type BackendApi, createBackendApi } from './backend.ts';
import { createDataStorageApi, type DataStorageApi } from './data-storage.ts';
import { createPaymentApi, type PaymentApi } from './payment.ts';
import { type clientOptionsSchema, parseInput, clientOptionsSchema as schema } from './schemas.ts';
import { createTransport, DEFAULT_USER_AGENT } from './transport.ts';

/**
 * The gateway's current base URL (§1.1).
 *
 * @example
 * ```ts
 * createQentaClient({ ...account, baseUrl: process.env.QENTA_BASE_URL ?? DEFAULT_BASE_URL });
 * ```
 */
export const DEFAULT_BASE_URL = 'https://api.qenta.com/seamless';

/** Options of {@link createQentaClient}. */
export type QentaClientOptions = z.input<typeof clientOptionsSchema>;

/** The client: `dataStorage`, `payment` and `backend` operations. */
export interface QentaClient {
  readonly dataStorage: DataStorageApi;
  readonly payment: PaymentApi;
  readonly backend: BackendApi;
}

/**
 * Creates a client for one merchant account. It keeps no state between calls, so one client per
 * process (or per request) is fine.
 *
 * - `baseUrl`: defaults to `https://api.qenta.com/seamless`; point it at the emulator in tests.
 * - `algorithm`: `hmac-sha512` (default) or `sha512` for legacy merchants (§2.1).
 * - `timeoutMs`: per attempt, default 30 000. `retries`: extra attempts for read-only calls after
 *   a network error, default 2 (payments and backend changes are never retried).
 * - `language`: backend operations' default language, `en` unless set.
 * - `fetch`: inject one for proxies or tests; defaults to the global `fetch`.
 *
 * @example
 * ```ts
 * const client = createQentaClient({
 *   customerId: process.env.QENTA_CUSTOMER_ID!,
 *   shopId: process.env.QENTA_SHOP_ID,
 *   secret: process.env.QENTA_SECRET!,
 *   backendPassword: process.env.QENTA_BACKEND_PASSWORD,
 *   baseUrl: process.env.QENTA_BASE_URL,
 * });
 * ```
 */
export function createQentaClient(options: QentaClientOptions): QentaClient {
  const valid = parseInput(schema, stripUndefined(options), 'createQentaClient');
  const send = createTransport({
    baseUrl: valid.baseUrl ?? DEFAULT_BASE_URL,
    fetch: valid.fetch ?? globalThis.fetch,
    timeoutMs: valid.timeoutMs ?? 30_000,
    userAgent: valid.userAgent ?? DEFAULT_USER_AGENT,
    retries: valid.retries ?? 2,
    sensitive: [valid.secret, valid.backendPassword],
  });
  const context = {
    customerId: valid.customerId,
    shopId: valid.shopId,
    secret: valid.secret,
    backendPassword: valid.backendPassword,
    algorithm: valid.algorithm ?? 'hmac-sha512',
    language: valid.language ?? 'en',
    send,
  } as const;
  return Object.freeze({
    dataStorage: createDataStorageApi(context),
    payment: createPaymentApi(context),
    backend: createBackendApi(context),
  });
}

// `shopId: process.env.QENTA_SHOP_ID` is undefined when unset; treat that like leaving it out.
function stripUndefined(options: unknown): unknown {
  if (typeof options !== 'object' || options === null) return options;
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
