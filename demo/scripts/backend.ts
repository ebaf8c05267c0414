/**
 * One shop backend as its own process: what `SHOP_INSTANCES=2 pnpm demo:start` runs per
 * instance, and what the multi-instance tests start. Settings from the environment: SHOP_DB or
 * DATABASE_URL, GATEWAY_URL (the gateway base URL; the demo account is used), SHOP_PORT,
 * SHOP_CONFIRM_URL, SHOP_PUBLIC_URL, STATIC_DIR. Prints `{"url": …}` on one line once it
 * listens; closes cleanly on SIGTERM.
 */
import { DEMO_ACCOUNT, gatewayFromEnv } from '../server/config.ts';
import { startShopServer } from '../server/server.ts';

const env = process.env;
const gateway = gatewayFromEnv(env);
const shop = await startShopServer({
  port: Number(env.SHOP_PORT ?? 0),
  dbFile: env.SHOP_DB ?? '',
  databaseUrl: env.DATABASE_URL || undefined,
  gateway:
    gateway.mode === 'real'
      ? { ...gateway, baseUrl: gateway.baseUrl! }
      : {
          ...gateway,
          ...DEMO_ACCOUNT,
          baseUrl: env.GATEWAY_URL ?? 'http://127.0.0.1:9/seamless',
        },
  ...(env.SHOP_CONFIRM_URL ? { confirmUrl: env.SHOP_CONFIRM_URL } : {}),
  ...(env.SHOP_PUBLIC_URL ? { shopUrl: env.SHOP_PUBLIC_URL } : {}),
  ...(env.STATIC_DIR ? { staticDir: env.STATIC_DIR } : {}),
  log: (message) => process.stderr.write(`${message}\n`),
});
process.stdout.write(`${JSON.stringify({ url: shop.url, pid: process.pid })}\n`);
process.on('SIGTERM', () => {
  void shop.close().finally(() => process.exit(0));
});
