/**
 * What `pnpm demo` (dev server) and `pnpm demo:start` (static build) share: reading the settings,
 * starting the emulator and the shop backend with a clear message when a port is taken, the
 * banner, and stopping everything on Ctrl-C or on a failure.
 */
import { fileURLToPath } from 'node:url';
import { createEmulator, type Emulator } from '@qenta-seamless/emulator';
import { type GatewaySettings, gatewayFromEnv, portFromEnv } from '../server/config.ts';
import { type ShopServer, type ShopServerOptions, startShopServer } from '../server/server.ts';
import { printBanner } from './banner.ts';
import { type RoundRobin, startRoundRobin } from './round-robin.ts';
import { spawnShop } from './spawn-backend.ts';

/** A problem the person starting the demo can fix; printed without a stack trace. */
export class LaunchError extends Error {}

/** The running parts, in start order. */
export interface Launched {
  gateway: GatewaySettings;
  emulator: Emulator | undefined;
  /** The shop backend, or the round-robin in front of several (`SHOP_INSTANCES`). */
  shop: Pick<ShopServer, 'url'>;
  /** How many backends run. */
  instances: number;
}

const closers: (() => Promise<void>)[] = [];

/** Registers something to close when the demo stops (closed in reverse order). */
export function onStop(close: () => Promise<void>): void {
  closers.push(close);
}

async function stopAll(code: number): Promise<never> {
  for (const close of closers.reverse()) await close().catch(() => {});
  process.exit(code);
}

/**
 * A port-in-use message that names the variable that moves it.
 *
 * @example
 * ```ts
 * throw portInUse(8899, 'EMULATOR_PORT', 'the emulator cannot start');
 * ```
 */
export function portInUse(port: number, variable: string, consequence: string): LaunchError {
  return new LaunchError(
    `Port ${port} is in use, so ${consequence}. Stop what uses it or set ${variable} to another port.`,
  );
}

/**
 * Starts the emulator (unless `QENTA_*` names a real gateway) and the shop backend.
 *
 * @example
 * ```ts
 * const { shop } = await launchShop({ shopUrl: 'http://127.0.0.1:5173' });
 * ```
 */
export async function launchShop(
  shopOptions: Omit<ShopServerOptions, 'port' | 'dbFile' | 'gateway'>,
): Promise<Launched> {
  const env = process.env;
  let gateway: GatewaySettings;
  let emulatorPort: number;
  let shopPort: number;
  try {
    gateway = gatewayFromEnv(env);
    emulatorPort = portFromEnv(env, 'EMULATOR_PORT', 8899);
    shopPort = portFromEnv(env, 'SHOP_PORT', 8787);
  } catch (error) {
    throw new LaunchError((error as Error).message);
  }

  let emulator: Emulator | undefined;
  if (gateway.mode === 'emulator') {
    try {
      emulator = await createEmulator({ port: emulatorPort });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw portInUse(emulatorPort, 'EMULATOR_PORT', 'the emulator cannot start');
      }
      throw error;
    }
    onStop(() => emulator!.close());
  }

  const instances = Number(env.SHOP_INSTANCES || 1);
  if (!Number.isInteger(instances) || instances < 1 || instances > 16) {
    throw new LaunchError(
      `SHOP_INSTANCES must be a number from 1 to 16, not "${env.SHOP_INSTANCES}".`,
    );
  }
  const baseUrl = emulator?.baseUrl ?? gateway.baseUrl!;
  const dbFile = env.SHOP_DB ?? fileURLToPath(new URL('../data/shop.sqlite', import.meta.url));
  if (instances > 1) {
    const shop = await launchInstances({ ...shopOptions, instances, shopPort, dbFile, baseUrl });
    return { gateway, emulator, shop, instances };
  }
  let shop: ShopServer;
  try {
    shop = await startShopServer({
      ...shopOptions,
      port: shopPort,
      dbFile,
      databaseUrl: env.DATABASE_URL || undefined,
      gateway: { ...gateway, baseUrl },
      ...(env.SHOP_CONFIRM_URL ? { confirmUrl: env.SHOP_CONFIRM_URL } : {}),
    });
  } catch (error) {
    throw new LaunchError((error as Error).message);
  }
  onStop(() => shop.close());
  return { gateway, emulator, shop, instances: 1 };
}

/**
 * `SHOP_INSTANCES=N`: N backends, each its own process on the one database (the SQLite file, or
 * `DATABASE_URL`), behind a round-robin on SHOP_PORT that the pages and the gateway use.
 */
async function launchInstances(options: {
  instances: number;
  shopPort: number;
  dbFile: string;
  baseUrl: string;
  shopUrl?: string;
  staticDir?: string;
}): Promise<Pick<ShopServer, 'url'>> {
  const env = process.env;
  const backends: string[] = [];
  let front: RoundRobin;
  try {
    front = await startRoundRobin({ backends, port: options.shopPort });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw portInUse(options.shopPort, 'SHOP_PORT', 'the shop cannot start');
    }
    throw error;
  }
  onStop(() => front.close());
  const instanceEnv = {
    SHOP_DB: options.dbFile,
    GATEWAY_URL: options.baseUrl,
    SHOP_PORT: '0',
    SHOP_CONFIRM_URL: env.SHOP_CONFIRM_URL ?? `${front.url}/api/confirm`,
    SHOP_PUBLIC_URL: options.shopUrl ?? front.url,
    ...(options.staticDir ? { STATIC_DIR: options.staticDir } : {}),
  };
  // All at once, as a deployment starts them: the migrations are safe under it.
  const started = await Promise.all(
    Array.from({ length: options.instances }, () => spawnShop(instanceEnv)),
  ).catch((error: unknown) => {
    throw new LaunchError((error as Error).message);
  });
  for (const instance of started) onStop(() => instance.stop());
  backends.push(...started.map((instance) => instance.url));
  console.log(`${options.instances} shop backends behind ${front.url}: ${backends.join(', ')}`);
  return { url: front.url };
}

/**
 * Prints where everything is.
 *
 * @example
 * ```ts
 * announce(launched, 'http://127.0.0.1:5173');
 * ```
 */
export function announce({ gateway, emulator, shop }: Launched, shopUrl: string): void {
  printBanner({
    shopUrl,
    backendUrl: shop.url,
    confirmUrl: process.env.SHOP_CONFIRM_URL ?? `${shop.url}/api/confirm`,
    ...(emulator ? { journalUrl: `${emulator.url}/journal`, gatewayUrl: emulator.baseUrl } : {}),
    ...(gateway.mode === 'real' ? { realGateway: gateway.baseUrl! } : {}),
  });
}

/**
 * Runs a launcher: stops everything on Ctrl-C / SIGTERM, prints a `LaunchError` as a plain
 * message (anything else with its stack) and exits 1 on failure.
 *
 * @example
 * ```ts
 * runLauncher(async () => announce(await launchShop({}), url));
 * ```
 */
export function runLauncher(main: () => Promise<void>): void {
  process.on('SIGINT', () => {
    console.log('\nStopping the demo…');
    void stopAll(0);
  });
  process.on('SIGTERM', () => void stopAll(0));
  main().catch((error: unknown) => {
    console.error(error instanceof LaunchError ? `\n${error.message}\n` : error);
    void stopAll(1);
  });
}
