/**
 * The shop page of figures 2 and 3: the widget bundled with esbuild (its TypeScript uses Lit's
 * legacy decorators, so it goes through the widget's own tsconfig) and served with a blank page
 * from a local node:http server on 127.0.0.1, on another origin than the emulator, as in a shop.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

const WIDGET = new URL('../packages/widget/', import.meta.url);

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="/widget.js"></script></head><body></body></html>`;

/** A running page server. */
export interface WidgetPage {
  url: string;
  close(): Promise<void>;
}

/**
 * Bundles `define.ts` (production Lit, minified) and serves it with a blank page.
 *
 * @example
 * ```ts
 * const page = await serveWidgetPage();
 * await browserPage.goto(page.url);
 * ```
 */
export async function serveWidgetPage(): Promise<WidgetPage> {
  const result = await build({
    entryPoints: [new URL('src/define.ts', WIDGET).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    conditions: ['production'],
    tsconfig: new URL('tsconfig.json', WIDGET).pathname,
    logLevel: 'silent',
  });
  const bundle = result.outputFiles[0]?.contents;
  if (!bundle) throw new Error('esbuild produced no widget bundle');
  const server: Server = createServer((request, response) => {
    if (request.url === '/widget.js') {
      response.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'max-age=3600',
      });
      response.end(bundle);
    } else if (request.url === '/' || request.url?.startsWith('/?')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(PAGE);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
