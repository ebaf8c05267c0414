// Packs the three published packages as a user would get them from npm: `pnpm pack` runs each
// package's `prepack` (the build), applies `publishConfig` (the `exports` of the built files)
// and turns `workspace:*` into real versions. Used by the packaging lint and the consumer test,
// so both look at the same tarballs a release would publish.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The published packages, in dependency order. */
export const PACKAGES = ['server-helpers', 'emulator', 'widget'];

function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} in ${cwd}:\n${output}`)),
    );
  });
}

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
    await run('pnpm', ['pack', '--pack-destination', destination], dir);
    const file = `${name.replace('@', '').replace('/', '-')}-${version}.tgz`;
    packed.push({ name, version, tarball: join(destination, file) });
  }
  return packed;
}
