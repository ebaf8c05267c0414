// Size of the element's main chunk: `src/define.ts` bundled and minified with esbuild
// (production Lit), brotli quality 11 and gzip 9, with and without Lit. The lazily loaded chunks
// (German strings, test-mode picker, bank payment types) are kept out, as a shop bundler would
// split them. esbuild is not a widget dependency: it is taken from the bench package.
import { createRequire } from 'node:module';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const require = createRequire(new URL('../../../bench/package.json', import.meta.url));
const esbuild = require('esbuild');
const LIT = ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element/*'];
const LAZY = [
  '../locales/de.ts',
  '../internal/test-mode.ts',
  '../internal/pci3.ts',
  './bank-fields.ts',
  './gateway-errors.ts',
];

for (const [label, external] of [
  ['element + English strings + Lit', LAZY],
  ['element + English strings (no Lit)', [...LAZY, ...LIT]],
]) {
  const result = await esbuild.build({
    entryPoints: [new URL('../src/define.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    conditions: ['production'],
    external,
    tsconfig: new URL('../tsconfig.json', import.meta.url).pathname,
  });
  const code = Buffer.from(result.outputFiles[0].contents);
  const brotli = brotliCompressSync(code, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  console.log(
    `${label}: raw ${code.length} B, gzip ${gzipSync(code, { level: 9 }).length} B, brotli ${brotli} B`,
  );
}
