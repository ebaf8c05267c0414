/**
 * The shop page of figures 2 and 3: the element as a shop ships it (the entry chunk and lazy
 * chunks of the Vite build in `shop-build.ts`) and a blank page that loads the entry chunk,
 * served by a local node:http server on 127.0.0.1, on another origin than the emulator, as in a
 * shop. The page holds no `<qenta-payment-form>`: the samples insert one when they start timing.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { createShopProject } from './shop-build.ts';

/** A running page server. */
export interface WidgetPage {
  url: string;
  /** Requests for lazily loaded chunks so far (0 when the element needs none to get ready). */
  lazyChunkRequests(): number;
  close(): Promise<void>;
}

/**
 * Builds the shop (compiled widget, Vite, default settings) and serves a blank page loading it.
 *
 * @example
 * ```ts
 * const page = await serveWidgetPage();
 * await browserPage.goto(page.url);
 * ```
 */
export async function serveWidgetPage(): Promise<WidgetPage> {
  const shop = createShopProject();
  let build: Awaited<ReturnType<typeof shop.build>>;
  try {
    build = await shop.build();
  } catch (error) {
    shop.remove();
    throw error;
  }
  const { outDir, entry } = build;
  const assets = new Map(
    [entry, ...build.lazyChunks].map((path) => [`/${path}`, readFileSync(join(outDir, path))]),
  );
  shop.remove();
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="/${entry}"></script></head><body></body></html>`;
  let lazyRequests = 0;
  const server: Server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname);
    const asset = assets.get(path);
    if (asset) {
      if (path !== `/${entry}`) lazyRequests++;
      // Hashed file names: a shop serves them cacheable for a long time.
      response.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'max-age=31536000, immutable',
      });
      response.end(asset);
    } else if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    lazyChunkRequests: () => lazyRequests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
