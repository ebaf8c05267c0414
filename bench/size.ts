/**
 * Figure 1: the bytes a shop ships for the element. The widget is compiled as it is published and
 * the root README's snippet is built by a shop's Vite with default settings (`shop-build.ts`);
 * the figure is the entry chunk Vite emits (element + English strings + Lit + what Vite itself
 * adds), brotli quality 11. The lazily loaded chunks (German strings, bank fields, pci3 iframe,
 * gateway error mapping, test-mode picker) are not part of the first load and not counted.
 * The widget's `pnpm size` runs this measurement alone (`--only=size`).
 *
 * Two details say where bytes beyond the element come from, measured in the same run: the entry
 * without Vite's modulepreload polyfill, and the same installed `dist/` bundled and minified by
 * esbuild instead of Vite's Rolldown + Oxc.
 */
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { createShopProject, type ShopProject } from './shop-build.ts';
import type { Figure } from './stats.ts';

const brotli = (code: Uint8Array) =>
  brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The installed package's `define.js` bundled by esbuild, lazy chunks left out. */
async function esbuildBytes(shop: ShopProject): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [join(shop.root, 'node_modules/@qenta-seamless/widget/dist/define.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    conditions: ['production'],
    // Dynamic imports stay separate files, as Vite splits them.
    splitting: true,
    outdir: join(shop.root, 'esbuild-out'),
    logLevel: 'silent',
  });
  const entry = result.outputFiles.find((file) => file.path.endsWith('/define.js'));
  if (!entry) throw new Error('esbuild produced no define.js');
  return entry.contents;
}

/**
 * Measures the widget's shipped size with and without Lit.
 *
 * @example
 * ```ts
 * const figures = await measureSize();
 * ```
 */
export async function measureSize(): Promise<Figure[]> {
  const shop = createShopProject();
  try {
    const withLit = await shop.build();
    const withoutLit = await shop.build({ externalLit: true });
    const noPolyfill = await shop.build({ noPreloadPolyfill: true });
    const esbuilt = await esbuildBytes(shop);
    const lines = [
      ['withLit', 'element + English strings + Lit', withLit.entryBytes],
      ['withoutLit', 'element + English strings, without Lit', withoutLit.entryBytes],
    ] as const;
    return lines.map(([key, label, code]) => ({
      key: `size.${key}`,
      label: `1 size, ${label}, shop's Vite build (brotli)`,
      value: brotli(code),
      unit: 'B',
      detail: {
        raw: code.length,
        gzip: gzipSync(code, { level: 9 }).length,
        brotli: brotli(code),
        ...(key === 'withLit' && {
          withoutPreloadPolyfill: brotli(noPolyfill.entryBytes),
          esbuildSameDist: brotli(esbuilt),
          lazyChunks: withLit.lazyChunks.length,
        }),
      },
      ...(key === 'withLit' && { budget: { op: '<=' as const, limit: 12_000 } }),
    }));
  } finally {
    shop.remove();
  }
}
