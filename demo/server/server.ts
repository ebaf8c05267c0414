/**
 * Starts the shop backend: database, server-helpers client, confirm endpoint and router on one
 * `node:http` server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createQentaClient } from '@qenta-seamless/server-helpers';
import { createShopHandler } from './app.ts';
import type { GatewaySettings } from './config.ts';
import { createConfirmEndpoint } from './confirm.ts';
import { openShopDatabase, type ShopDatabase } from './db.ts';

/** Options of {@link startShopServer}. */
export interface ShopServerOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** SQLite file (the embedded default); ignored when `databaseUrl` is given. */
  dbFile: string;
  /** PostgreSQL URL (`DATABASE_URL`): several instances share one database. */
  databaseUrl?: string | undefined;
  gateway: GatewaySettings & { baseUrl: string };
  /** Origin of the pages in the person's browser; default: this server (static build). */
  shopUrl?: string;
  /** Where the gateway POSTs confirmations; default `{this server}/api/confirm`. */
  confirmUrl?: string;
  /** Serve the static build from here (production-like run). */
  staticDir?: string;
  log?: (message: string) => void;
}

/** A running shop backend. */
export interface ShopServer {
  url: string;
  db: ShopDatabase;
  close(): Promise<void>;
}

/**
 * Starts the shop backend; rejects with a clear message when the port is taken.
 *
 * @example
 * ```ts
 * const shop = await startShopServer({ port: 8787, dbFile: 'demo/data/shop.sqlite', gateway });
 * console.log(shop.url);
 * ```
 */
export async function startShopServer(options: ShopServerOptions): Promise<ShopServer> {
  const host = options.host ?? '127.0.0.1';
  const db = await openShopDatabase(
    options.databaseUrl ? { url: options.databaseUrl } : { file: options.dbFile },
  );
  const client = createQentaClient({
    baseUrl: options.gateway.baseUrl,
    customerId: options.gateway.customerId,
    secret: options.gateway.secret,
    ...(options.gateway.shopId !== undefined && { shopId: options.gateway.shopId }),
    ...(options.gateway.backendPassword !== undefined && {
      backendPassword: options.gateway.backendPassword,
    }),
    timeoutMs: 15_000,
  });
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await db.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `Port ${options.port} on ${host} is in use, so the shop backend cannot start. Stop what uses it or set SHOP_PORT to another port.`,
      );
    }
    throw error;
  }
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  const log = options.log ?? ((message: string) => console.error(message));
  const confirm = createConfirmEndpoint({ db, secret: options.gateway.secret, log });
  server.on(
    'request',
    createShopHandler({
      context: {
        db,
        client,
        shopUrl: options.shopUrl ?? url,
        confirmUrl: options.confirmUrl ?? `${url}/api/confirm`,
        currency: 'EUR',
        language: 'en',
        testMode: options.gateway.mode === 'emulator',
      },
      confirm,
      ...(options.staticDir !== undefined && { staticDir: options.staticDir }),
      log,
    }),
  );
  return {
    url,
    db,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.close();
    },
  };
}
