/**
 * `@qenta-seamless/emulator`: a local QENTA Checkout Server (QMORE Checkout Seamless) for
 * development and tests. `createEmulator()` starts it on 127.0.0.1 and an ephemeral port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QentaError } from '@qenta-seamless/server-helpers';
import { formatAmount, parseAmount } from './amounts.ts';
import type { ApiContext } from './api/api-context.ts';
import { apiRoutes } from './api/routes.ts';
import type { ConfirmRetryOptions } from './browser/confirm-delivery.ts';
import { createPaymentSessions, type PaymentSessionBook } from './browser/payments.ts';
import { browserRoutes } from './browser/routes.ts';
import { systemClock } from './clock.ts';
import type { Clock, Journal, Merchant, StorageStore } from './context.ts';
import { seedDemoOrders } from './demo-orders.ts';
import { gatewayError } from './error-catalog.ts';
import { DEFAULT_MAX_BODY_BYTES } from './http.ts';
import { createJournal } from './journal.ts';
import { homeRoute, journalRoutes } from './journal-page.ts';
import {
  createMerchantRegistry,
  DEMO_MERCHANT,
  type MerchantInput,
  type MerchantRegistry,
} from './merchants.ts';
import { OrderStore } from './orders.ts';
import { createRouter } from './server.ts';
import { createStorageStore } from './storages.ts';

export {
  TEST_CARDS,
  type TestCard,
  type TestCardBehaviour,
  THREE_D_SECURE_PASSWORD,
} from './browser/test-cards.ts';
export { type ManualClock, manualClock, systemClock } from './clock.ts';
export type {
  Clock,
  DataStorage,
  EmulatorContext,
  Journal,
  JournalEntry,
  Merchant,
  Route,
} from './context.ts';
export { DEMO_MERCHANT, type MerchantInput, TEST_MERCHANTS } from './merchants.ts';
export { formatAmount, parseAmount };

/** Options of {@link createEmulator}. */
export interface EmulatorOptions {
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port; default 0 (an ephemeral one: read it from `url`). */
  port?: number;
  /** Merchants accepted besides the demo and test accounts (which they override). */
  merchants?: readonly MerchantInput[];
  /** Set false to accept only `merchants`. Default true. */
  includeDefaultMerchants?: boolean;
  /** Default: the system clock. Tests pass `manualClock()`. */
  clock?: Clock;
  /** Confirm delivery: waits between retries and per-attempt timeout. */
  confirmRetry?: ConfirmRetryOptions;
  /** When a PENDING payment resolves by itself. Default 2 minutes. */
  pendingResolveMs?: number;
  /** When an untouched payment page ends as FAILURE. Default 30 minutes. */
  abandonAfterMs?: number;
  /** Request body cap in bytes (413 beyond it). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Cap on data storages kept (least recently used go first). Default 10 000. */
  maxStorages?: number;
  /** Cap on payment sessions kept, unfinished ones included (oldest go first). Default 10 000. */
  maxPaymentSessions?: number;
  /**
   * Put the demo account's orders of the docs (123456, 5472113, 1453243, 23473341) into the
   * backend, as the official library's live tests expect. Default true (with the default
   * merchants).
   */
  seedDemoOrders?: boolean;
  /** Origin put into `javascriptUrl` / `redirectUrl` (e.g. behind a proxy). Default: the bound address. */
  publicOrigin?: string;
}

/** A running emulator. */
export interface Emulator {
  /** Origin, e.g. `http://127.0.0.1:8899` (`publicOrigin` when given). */
  url: string;
  /** Where the server actually listens, e.g. `http://127.0.0.1:41234` (even with `publicOrigin`). */
  localUrl: string;
  /** What a client uses as gateway base URL: `{url}/seamless` (`{url}/qmore` works too). */
  baseUrl: string;
  journal: Journal;
  clock: Clock;
  merchants: MerchantRegistry;
  storages: StorageStore;
  orders: OrderStore;
  payments: PaymentSessionBook;
  /** Stops listening, drops open connections and stops confirm retries. */
  close(): Promise<void>;
}

/**
 * Starts an emulator.
 *
 * @example
 * ```ts
 * const emulator = await createEmulator();
 * const client = createQentaClient({ baseUrl: emulator.baseUrl, customerId: 'D200001',
 *   shopId: 'qmore', secret: 'B8AKTPWBRMNBV455FG6M2DANE99WU2' });
 * // …
 * await emulator.close();
 * ```
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  checkOptions(options);
  const clock = options.clock ?? systemClock();
  const journal = createJournal({ clock });
  const merchants = createMerchantRegistry({
    ...(options.merchants ? { merchants: options.merchants } : {}),
    ...(options.includeDefaultMerchants === false ? { includeDefaults: false } : {}),
  });
  const storages = createStorageStore({
    clock,
    ...(options.maxStorages ? { maxStorages: options.maxStorages } : {}),
  });
  const orders = new OrderStore({ now: () => clock.now(), toMinor: parseAmount });
  if (options.seedDemoOrders !== false && merchants.byShop(DEMO_MERCHANT.customerId, 'qmore')) {
    seedDemoOrders(orders, merchants.byShop(DEMO_MERCHANT.customerId, 'qmore') ?? DEMO_MERCHANT);
  }
  const ctx = {
    origin: '',
    baseUrl: '',
    clock,
    merchant: (customerId: string): Merchant | undefined => merchants.byCustomer(customerId),
    storages,
    orders,
    journal,
    gatewayError,
    merchants,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    duplicateWindowMs: 30 * 60_000,
  } as Omit<ApiContext, 'payments'> as ApiContext;
  const payments = createPaymentSessions(ctx, {
    ...(options.confirmRetry ? { confirmRetry: options.confirmRetry } : {}),
    ...(options.pendingResolveMs !== undefined && { pendingResolveMs: options.pendingResolveMs }),
    ...(options.abandonAfterMs !== undefined && { abandonAfterMs: options.abandonAfterMs }),
    ...(options.maxPaymentSessions ? { maxSessions: options.maxPaymentSessions } : {}),
  });
  ctx.payments = payments;
  const routes = [homeRoute(ctx), ...apiRoutes(ctx), ...journalRoutes(ctx), ...browserRoutes(ctx)];
  const server = createServer(createRouter({ routes, origin: () => ctx.origin, journal }));
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const localUrl = `http://${urlHost(host)}:${address.port}`;
  const origin = options.publicOrigin?.replace(/\/+$/, '') ?? localUrl;
  ctx.origin = origin;
  ctx.baseUrl = `${origin}/seamless`;
  journal.record({ kind: 'request', summary: `emulator listening on ${origin}`, details: {} });
  let closed: Promise<void> | undefined;
  return {
    url: origin,
    localUrl,
    baseUrl: ctx.baseUrl,
    journal,
    clock,
    merchants,
    storages,
    orders,
    payments,
    close() {
      closed ??= new Promise<void>((resolve) => {
        payments.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function checkOptions(options: EmulatorOptions): void {
  const problems: { path: string; message: string }[] = [];
  const { port, maxBodyBytes, maxStorages, maxPaymentSessions, publicOrigin } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    problems.push({ path: 'port', message: 'must be an integer from 0 to 65535' });
  }
  if (maxBodyBytes !== undefined && !(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    problems.push({ path: 'maxBodyBytes', message: 'must be a positive integer' });
  }
  if (maxStorages !== undefined && !(Number.isInteger(maxStorages) && maxStorages > 0)) {
    problems.push({ path: 'maxStorages', message: 'must be a positive integer' });
  }
  if (
    maxPaymentSessions !== undefined &&
    !(Number.isInteger(maxPaymentSessions) && maxPaymentSessions > 0)
  ) {
    problems.push({ path: 'maxPaymentSessions', message: 'must be a positive integer' });
  }
  if (publicOrigin !== undefined && !/^https?:\/\/[^/]+\/?$/.test(publicOrigin)) {
    problems.push({ path: 'publicOrigin', message: 'must be an origin such as http://host:port' });
  }
  if (problems.length > 0) {
    throw new QentaError(
      'INVALID_INPUT',
      `createEmulator: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      { issues: problems },
    );
  }
}

/** A wildcard bind is reachable as localhost; IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
