/**
 * The widget as a shop gets it: `src` compiled by the package's own `tsconfig.build.json` (what
 * `pnpm build` and `pnpm pack` put in `dist/`), laid out in a throwaway shop project as npm
 * installs it (`publishConfig.exports` in place of the workspace's source exports, Lit beside
 * it), and the root README's HTML snippet built by that project's Vite with default settings.
 * Figures 1 (size) and 2–3 (the page the browser loads) both read this build, so they measure
 * the bytes a shop ships. It compiles into a temporary folder, never into `packages/widget/dist`,
 * so a bench run cannot disturb anyone's build or consumer test.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const WIDGET = fileURLToPath(new URL('../packages/widget/', import.meta.url));

/** The root README's snippet (English, card form), as a shop pastes it into its page. */
const SNIPPET = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>shop</title>
<script type="module">import '@qenta-seamless/widget/define';</script></head>
<body><form method="post" action="/checkout/review">
<qenta-payment-form name="payment" init-url="/checkout/init" payment-type="CCARD" required></qenta-payment-form>
<button>Continue</button></form></body></html>
`;

/** One Vite build of the snippet. */
export interface ShopBuild {
  /** Folder of Vite's output (`index.html`, `assets/`). */
  outDir: string;
  /** Path of the entry chunk under `outDir`, e.g. `assets/index-AbC123.js`. */
  entry: string;
  /** The entry chunk's bytes. */
  entryBytes: Buffer;
  /** Other chunks Vite split off (loaded lazily by the element), by path. */
  lazyChunks: string[];
}

/** Variations of the shop's build, to show where bytes come from. */
export interface ShopBuildOptions {
  /** Leave Lit out (the "without Lit" line). */
  externalLit?: boolean;
  /** Leave out Vite's modulepreload polyfill (which the default build puts in the entry). */
  noPreloadPolyfill?: boolean;
}

/** A throwaway shop project with the widget installed. */
export interface ShopProject {
  /** The project folder (the installed widget is under `node_modules/@qenta-seamless/widget`). */
  root: string;
  build(options?: ShopBuildOptions): Promise<ShopBuild>;
  remove(): void;
}
/** Compiles the widget's `src` as its build does, into `packageDir/dist`, and copies the assets. */
function compileWidget(packageDir: string): void {
  const tsc = createRequire(join(WIDGET, 'package.json')).resolve('typescript/bin/tsc');
  const dist = join(packageDir, 'dist');
  // Declarations and maps do not reach a shop's bundle; leaving them out saves seconds.
  const compiled = spawnSync(
    process.execPath,
    [
      tsc,
      '-p',
      join(WIDGET, 'tsconfig.build.json'),
      '--outDir',
      dist,
      '--declaration',
      'false',
      '--declarationMap',
      'false',
      '--sourceMap',
      'false',
    ],
    { encoding: 'utf8' },
  );
  if (compiled.status !== 0) {
    throw new Error(`compiling the widget failed:\n${compiled.stdout}${compiled.stderr}`);
  }
  cpSync(join(WIDGET, 'src'), dist, {
    recursive: true,
    filter: (from) => !/\.[cm]?ts$/.test(from),
  });
}

/** Writes the package as npm installs it: `publishConfig` applied, Lit resolvable beside it. */
function installWidget(project: string): void {
  const packageDir = join(project, 'node_modules/@qenta-seamless/widget');
  mkdirSync(packageDir, { recursive: true });
  compileWidget(packageDir);
  const manifest = JSON.parse(readFileSync(join(WIDGET, 'package.json'), 'utf8'));
  const { publishConfig, devDependencies: _dev, scripts: _scripts, ...published } = manifest;
  writeFileSync(
    join(packageDir, 'package.json'),
    JSON.stringify({ ...published, exports: publishConfig.exports }, null, 2),
  );
  // The real Lit package folder: its own dependencies (lit-html, lit-element, …) resolve from
  // where pnpm keeps them, as they would from a shop's node_modules.
  symlinkSync(
    realpathSync(join(WIDGET, 'node_modules/lit')),
    join(project, 'node_modules/lit'),
    'dir',
  );
}

async function viteBuild(root: string, options: ShopBuildOptions, n: number): Promise<ShopBuild> {
  const outDir = join(root, `dist-${n}`);
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      ...(options.noPreloadPolyfill && { modulePreload: { polyfill: false } }),
      ...(options.externalLit && {
        rolldownOptions: { external: [/^lit(\/|$)/, /^@lit\//, /^lit-(html|element)(\/|$)/] },
      }),
    },
  });
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('the Vite build emitted no module script in index.html');
  const lazyChunks = readdirSync(join(outDir, 'assets'))
    .map((name) => `assets/${name}`)
    .filter((path) => path !== entry && path.endsWith('.js'));
  return { outDir, entry, entryBytes: readFileSync(join(outDir, entry)), lazyChunks };
}

/**
 * Sets up a shop project with the freshly compiled widget and the README snippet as its page;
 * each `build()` runs the project's Vite on it (default settings unless asked otherwise).
 *
 * @example
 * ```ts
 * const shop = createShopProject();
 * const { entryBytes } = await shop.build();
 * shop.remove();
 * ```
 */
export function createShopProject(): ShopProject {
  const root = mkdtempSync(join(tmpdir(), 'qenta-bench-shop-'));
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    installWidget(root);
    writeFileSync(join(root, 'index.html'), SNIPPET);
  } catch (error) {
    remove();
    throw error;
  }
  let builds = 0;
  return { root, build: (options = {}) => viteBuild(root, options, builds++), remove };
}
