// `pnpm build` in a package (also its `prepack`): compiles `src` with the package's
// `tsconfig.build.json` into `dist` (ES2022 ESM, `.d.ts` with declaration maps, source maps), then
// copies the non-TypeScript files under `src` (the emulator's browser assets) next to the
// JavaScript that reads them. Plain `tsc`: one file out per file in, so a shop's bundler
// tree-shakes what it does not import, and the declarations come from the compiler that
// type-checks the source.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const packageDir = process.cwd();
const dist = join(packageDir, 'dist');
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(join(packageDir, 'package.json')).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: packageDir,
  stdio: 'inherit',
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const src = join(packageDir, 'src');
if (existsSync(src)) {
  cpSync(src, dist, {
    recursive: true,
    filter: (from) => !/\.[cm]?ts$/.test(from),
  });
}

// tsc rewrites `./x.ts` to `./x.js` in the JavaScript but not in the declarations; a consumer's
// compiler would then follow `./x.ts` into the shipped sources instead of `./x.d.ts`.
const relativeTsSpecifier = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g;
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const file = join(entry.parentPath, entry.name);
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(relativeTsSpecifier, '$1$2.js$3');
  if (rewritten !== text) writeFileSync(file, rewritten);
}
