/**
 * One shop backend as its own process, for tests that need several instances on one database
 * or the process's own memory figures. Settings come from the environment (SHOP_DB or
 * DATABASE_URL, GATEWAY_URL, SHOP_PORT); prints `{"url": …}` on one line once it listens, and
 * closes cleanly on SIGTERM.
 */
import { DEMO_ACCOUNT } from '../server/config.ts';
import { startShopServer } from '../server/server.ts';

const env = process.env;
const shop = await startShopServer({
  port: Number(env.SHOP_PORT ?? 0),
  dbFile: env.SHOP_DB ?? '',
  gateway: {
    mode: 'emulator',
    ...DEMO_ACCOUNT,
    baseUrl: env.GATEWAY_URL ?? 'http://127.0.0.1:9/seamless',
  },
  ...(env.SHOP_CONFIRM_URL ? { confirmUrl: env.SHOP_CONFIRM_URL } : {}),
  log: (message) => process.stderr.write(`${message}\n`),
});
process.stdout.write(`${JSON.stringify({ url: shop.url, pid: process.pid })}\n`);
process.on('SIGTERM', () => {
  void shop.close().finally(() => process.exit(0));
});
