// Packs the three published packages as a user would get them from npm: `pnpm pack` runs each
// package's `prepack` (the build), applies `publishConfig` (the `exports` of the built files)
// and turns `workspace:*` into real versions. Used by the packaging lint and the consumer test,
// so both look at the same tarballs a release would publish.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './processes.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The published packages, in dependency order. */
export const PACKAGES = ['server-helpers', 'emulator', 'widget'];

/**
 * Packs every package into `destination`; resolves with `{ name, version, tarball }` per package.
 *
 * @example
 * ```js
 * const packed = await packPackages('/tmp/packs');
 * ```
 */
export async function packPackages(destination) {
  const packed = [];
  for (const folder of PACKAGES) {
    const dir = join(ROOT, 'packages', folder);
    const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    await run('pnpm', ['pack', '--pack-destination', destination], { cwd: dir });
    const file = `${name.replace('@', '').replace('/', '-')}-${version}.tgz`;
    packed.push({ name, version, tarball: join(destination, file) });
  }
  return packed;
}
