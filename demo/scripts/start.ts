/**
 * `pnpm demo:start`: the production-like run. The shop backend serves the static build of the
 * pages (`pnpm --filter demo build`, done by the `start` script first) and the API on one port
 * (SHOP_PORT, default 8787), beside the emulator (EMULATOR_PORT, default 8899) unless `QENTA_*`
 * points at a real gateway.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEmulator, type Emulator } from '@qenta-seamless/emulator';
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
  const staticDir = fileURLToPath(new URL('../dist/', import.meta.url));
  if (!existsSync(`${staticDir}index.html`)) {
    return fail('No static build in demo/dist. Run `pnpm --filter demo build` first.');
  }
  let gateway: ReturnType<typeof gatewayFromEnv>;
  let emulatorPort: number;
  let shopPort: number;
  try {
    gateway = gatewayFromEnv(env);
    emulatorPort = portFromEnv(env, 'EMULATOR_PORT', 8899);
    shopPort = portFromEnv(env, 'SHOP_PORT', 8787);
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
  let shop: ShopServer;
  try {
    shop = await startShopServer({
      port: shopPort,
      dbFile: env.SHOP_DB ?? fileURLToPath(new URL('../data/shop.sqlite', import.meta.url)),
      gateway: { ...gateway, baseUrl: emulator?.baseUrl ?? gateway.baseUrl! },
      staticDir,
      ...(env.SHOP_PUBLIC_URL ? { shopUrl: env.SHOP_PUBLIC_URL.replace(/\/+$/, '') } : {}),
      ...(env.SHOP_CONFIRM_URL ? { confirmUrl: env.SHOP_CONFIRM_URL } : {}),
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  closers.push(() => shop.close());
  printBanner({
    shopUrl: env.SHOP_PUBLIC_URL ?? shop.url,
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
