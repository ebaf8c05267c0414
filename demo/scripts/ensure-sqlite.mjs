// Builds better-sqlite3's native addon on first use (see pnpm-workspace.yaml for why `pnpm
// install` leaves it unbuilt). node-gyp is pointed at the headers that ship beside the running
// Node, so no download is needed; where none ship, node-gyp fetches them as usual.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/** Builds the addon if it is missing; returns quickly when it is there. */
export function ensureSqlite() {
  const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
  if (existsSync(join(packageDir, 'build/Release/better_sqlite3.node'))) return;

  const env = { ...process.env };
  const nodePrefix = resolve(dirname(process.execPath), '..');
  if (!env.npm_config_nodedir && existsSync(join(nodePrefix, 'include/node/common.gypi'))) {
    env.npm_config_nodedir = nodePrefix;
  }
  console.log('Building better-sqlite3 for this Node (once; about a minute)…');
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const result = spawnSync(process.execPath, [nodeGyp, 'rebuild', '--release'], {
    cwd: packageDir,
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stderr ?? '');
    throw new Error(
      'Building better-sqlite3 failed (see above). It needs python3, make and a C++ compiler.',
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSqlite();
