/**
 * `pnpm demo:start`: the production-like run. The shop backend serves the static build of the
 * pages (`pnpm --filter demo build`, done by the `start` script first) and the API on one port
 * (SHOP_PORT, default 8787), beside the emulator (EMULATOR_PORT, default 8899) unless `QENTA_*`
 * points at a real gateway. Behind a public host, SHOP_PUBLIC_URL names it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { announce, LaunchError, launchShop, runLauncher } from './launch.ts';

runLauncher(async () => {
  const staticDir = fileURLToPath(new URL('../dist/', import.meta.url));
  if (!existsSync(`${staticDir}index.html`)) {
    throw new LaunchError('No static build in demo/dist. Run `pnpm --filter demo build` first.');
  }
  const publicUrl = process.env.SHOP_PUBLIC_URL?.replace(/\/+$/, '');
  const launched = await launchShop({ staticDir, ...(publicUrl ? { shopUrl: publicUrl } : {}) });
  announce(launched, publicUrl ?? launched.shop.url);
});
