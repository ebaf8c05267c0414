/**
 * `pnpm demo`: the emulator (127.0.0.1:8899), the shop backend (127.0.0.1:8787) and the Vite
 * dev server for the pages (127.0.0.1:5173, `/api` proxied to the backend), in one terminal.
 * Ctrl-C stops all three. With `QENTA_*` set, the shop talks to that gateway and no emulator
 * starts. Ports: EMULATOR_PORT, SHOP_PORT, DEMO_PORT. Database: SHOP_DB.
 */
import { fileURLToPath } from 'node:url';
import { createServer as createVite } from 'vite';
import { portFromEnv } from '../server/config.ts';
import { announce, LaunchError, launchShop, onStop, portInUse, runLauncher } from './launch.ts';

runLauncher(async () => {
  const env = process.env;
  let demoPort: number;
  try {
    demoPort = portFromEnv(env, 'DEMO_PORT', 5173);
  } catch (error) {
    throw new LaunchError((error as Error).message);
  }
  const shopUrl = `http://127.0.0.1:${demoPort}`;
  const launched = await launchShop({ shopUrl });

  // The root vite.config.ts reads these.
  env.DEMO_PORT = String(demoPort);
  env.SHOP_BACKEND_URL = launched.shop.url;
  const vite = await createVite({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
  onStop(() => vite.close());
  try {
    await vite.listen();
  } catch (error) {
    if (/in use/i.test(String((error as Error).message ?? error))) {
      throw portInUse(demoPort, 'DEMO_PORT', 'the shop pages cannot be served');
    }
    throw error;
  }
  announce(launched, shopUrl);
});
