/**
 * `pnpm demo`: the emulator (127.0.0.1:8899), the shop backend (127.0.0.1:8787) and the Vite
 * dev server for the pages (127.0.0.1:5173, `/api` proxied to the backend), in one terminal.
 * Ctrl-C stops all three. With `QENTA_*` set, the shop talks to that gateway and no emulator
 * starts. Ports: EMULATOR_PORT, SHOP_PORT, DEMO_PORT. Database: SHOP_DB.
 */
import { fileURLToPath } from 'node:url';
import { createEmulator, type Emulator } from '@qenta-seamless/emulator';
import { createServer as createVite, type ViteDevServer } from 'vite';
import { gatewayFromEnv, portFromEnv } from '../server/config.ts';
import { type ShopServer, startShopServer } from '../server/server.ts';
import { printBanner } from './banner.ts';

const env = process.env;
const closers: (() => Promise<void>)[] = [];

async function stopAll(code: number): Promise<never> {
  for (const close of closers.reverse()) await close().catch(() => {});
  process.exit(code);
}

function fail(message: string): Promise<never> {
  console.error(`\n${message}\n`);
  return stopAll(1);
}

async function main() {
  let gateway: ReturnType<typeof gatewayFromEnv>;
  let emulatorPort: number;
  let shopPort: number;
  let demoPort: number;
  try {
    gateway = gatewayFromEnv(env);
    emulatorPort = portFromEnv(env, 'EMULATOR_PORT', 8899);
    shopPort = portFromEnv(env, 'SHOP_PORT', 8787);
    demoPort = portFromEnv(env, 'DEMO_PORT', 5173);
  } catch (error) {
    return fail((error as Error).message);
  }

  let emulator: Emulator | undefined;
  if (gateway.mode === 'emulator') {
    try {
      emulator = await createEmulator({ port: emulatorPort });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        return fail(
          `Port ${emulatorPort} is in use, so the emulator cannot start. Stop what uses it or set EMULATOR_PORT to another port.`,
        );
      }
      throw error;
    }
    closers.push(() => emulator!.close());
  }

  const shopUrl = `http://127.0.0.1:${demoPort}`;
  let shop: ShopServer;
  try {
    shop = await startShopServer({
      port: shopPort,
      dbFile: env.SHOP_DB ?? fileURLToPath(new URL('../data/shop.sqlite', import.meta.url)),
      gateway: { ...gateway, baseUrl: emulator?.baseUrl ?? gateway.baseUrl! },
      shopUrl,
      ...(env.SHOP_CONFIRM_URL ? { confirmUrl: env.SHOP_CONFIRM_URL } : {}),
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  closers.push(() => shop.close());

  // The root vite.config.ts reads these.
  env.DEMO_PORT = String(demoPort);
  env.SHOP_BACKEND_URL = shop.url;
  let vite: ViteDevServer;
  try {
    vite = await createVite({
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      logLevel: 'warn',
    });
    await vite.listen();
  } catch (error) {
    const message = String((error as Error).message ?? error);
    if (/in use/i.test(message)) {
      return fail(
        `Port ${demoPort} is in use, so the shop pages cannot be served. Stop what uses it or set DEMO_PORT to another port.`,
      );
    }
    throw error;
  }
  closers.push(() => vite.close());

  printBanner({
    shopUrl,
    backendUrl: shop.url,
    confirmUrl: env.SHOP_CONFIRM_URL ?? `${shop.url}/api/confirm`,
    ...(emulator ? { journalUrl: `${emulator.url}/journal`, gatewayUrl: emulator.baseUrl } : {}),
    ...(gateway.mode === 'real' ? { realGateway: gateway.baseUrl! } : {}),
  });
}

process.on('SIGINT', () => {
  console.log('\nStopping the demo…');
  void stopAll(0);
});
process.on('SIGTERM', () => void stopAll(0));

main().catch((error: unknown) => {
  console.error(error);
  void stopAll(1);
});
