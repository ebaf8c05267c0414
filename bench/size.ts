/**
 * Figure 1: the element's production bundle (`define.ts`, minified, `conditions: production`,
 * English strings only) raw, gzip 9 and brotli 11, with and without Lit. The lazily loaded
 * modules stay external, as a shop's bundler splits them off. The widget's `pnpm size` runs
 * this measurement alone (`--only=size`).
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Figure } from './stats.ts';

const WIDGET = new URL('../packages/widget/', import.meta.url);
const LIT = ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element/*'];
/** Modules the element imports dynamically; they are not part of the first load. */
const LAZY = [
  '../locales/de.ts',
  '../internal/test-mode.ts',
  '../internal/pci3.ts',
  './bank-fields.ts',
  './gateway-errors.ts',
];

async function bundleBytes(external: string[]): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [new URL('src/define.ts', WIDGET).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    conditions: ['production'],
    external,
    tsconfig: new URL('tsconfig.json', WIDGET).pathname,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the widget');
  return file.contents;
}

/**
 * Measures the widget's size with and without Lit.
 *
 * @example
 * ```ts
 * const figures = await measureSize();
 * ```
 */
export async function measureSize(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [key, label, external] of [
    ['withLit', 'element + English strings + Lit', LAZY],
    ['withoutLit', 'element + English strings, without Lit', [...LAZY, ...LIT]],
  ] as const) {
    const code = await bundleBytes([...external]);
    const gzip = gzipSync(code, { level: 9 }).length;
    const brotli = brotliCompressSync(code, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
    figures.push({
      key: `size.${key}`,
      label: `1 size, ${label} (brotli)`,
      value: brotli,
      unit: 'B',
      detail: { raw: code.length, gzip, brotli },
      ...(key === 'withLit' && { budget: { op: '<=' as const, limit: 12_000 } }),
    });
  }
  return figures;
}
