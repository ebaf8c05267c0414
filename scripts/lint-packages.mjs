// `pnpm lint:packages`: packs every package and lints the tarballs exactly as they would be
// published: publint (package.json fields against the files that ship) and Are the Types Wrong
// (`attw`: every entry point resolves to types in node16 and bundler resolution). Any error fails.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackages } from './pack-packages.mjs';

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const destination = mkdtempSync(join(tmpdir(), 'qenta-packs-'));
let passed = 0;
let failed = 0;
const check = (ok) => (ok ? passed++ : failed++);
try {
  for (const { name, tarball } of await packPackages(destination)) {
    console.log(`\n=== ${name}`);
    // --strict turns publint's warnings into errors; suggestions are printed but allowed.
    check((await run('pnpm', ['exec', 'publint', 'run', tarball, '--strict'])) === 0);
    // ESM only (node >= 20.19 can require() it as well): the CommonJS-only checks do not apply.
    check((await run('pnpm', ['exec', 'attw', tarball, '--profile', 'esm-only'])) === 0);
  }
} finally {
  rmSync(destination, { recursive: true, force: true });
}
// One check per tool and package, counted like tests by scripts/test-all.mjs.
console.log(`\npackages: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
