/**
 * A shop backend on a fresh database of its own, paying through a real emulator over HTTP: the
 * set-up of the tests that follow a payment end to end without a browser.
 */
import { createEmulator, type Emulator } from '@qenta-seamless/emulator';
import { DEMO_ACCOUNT } from '../server/config.ts';
import { type ShopServer, startShopServer } from '../server/server.ts';
import { freshDatabase } from './database.ts';

/** The running pair, and how to stop both and drop the database. */
export interface EmulatedShop {
  emulator: Emulator;
  shop: ShopServer;
  close(): Promise<void>;
}

/**
 * Starts an emulator and a shop backend against it on a fresh database named after `name`.
 *
 * @example
 * ```ts
 * const { emulator, shop, close } = await startEmulatedShop('forged');
 * ```
 */
export async function startEmulatedShop(name: string): Promise<EmulatedShop> {
  const database = await freshDatabase(name);
  const emulator = await createEmulator();
  const shop = await startShopServer({
    ...database,
    gateway: { mode: 'emulator', ...DEMO_ACCOUNT, baseUrl: emulator.baseUrl },
    log: () => {},
  });
  return {
    emulator,
    shop,
    async close() {
      await shop.close();
      await emulator.close();
      await database.drop();
    },
  };
}
