/**
 * The shop backend's router: `/api/*` routes, then (in the production-like run) the static
 * build of the pages.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ShopContext } from './context.ts';
import { HttpError, sendJson } from './http.ts';
import {
  handleCart,
  handleCheckout,
  handleDataStorage,
  handleDiscount,
  handleFallback,
  handlePaymentChoice,
  handleProducts,
  handleStart,
} from './routes-checkout.ts';
import { handleOperation, handleOrder, handleOrders, handleRetry } from './routes-orders.ts';
import { serveStatic } from './static-files.ts';

/** A `node:http` request listener. */
export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => void;

type Route = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  match: RegExpExecArray,
) => Promise<void> | void;

/** Options of {@link createShopHandler}. */
export interface ShopHandlerOptions {
  context: ShopContext;
  /** The confirm endpoint (built with `createConfirmHandler`), mounted at `POST /api/confirm`. */
  confirm: NodeHandler;
  /** Folder of the static build to serve; pages come from Vite when absent. */
  staticDir?: string;
  /** Called with unexpected errors (never with secrets: the client's errors carry none). */
  log?: (message: string) => void;
}

/**
 * Builds the shop backend's request listener.
 *
 * @example
 * ```ts
 * http.createServer(createShopHandler({ context, confirm })).listen(8787, '127.0.0.1');
 * ```
 */
export function createShopHandler(options: ShopHandlerOptions): NodeHandler {
  const { context } = options;
  const routes: [string, RegExp, Route][] = [
    ['GET', /^\/api\/health$/, (_q, s) => sendJson(s, 200, { ok: true })],
    ['GET', /^\/api\/products$/, (q, s) => handleProducts(context, q, s)],
    ['GET', /^\/api\/cart$/, (q, s) => handleCart(context, q, s)],
    ['PUT', /^\/api\/cart$/, (q, s) => handleCart(context, q, s)],
    ['POST', /^\/api\/checkout\/data-storage$/, (q, s, u) => handleDataStorage(context, q, s, u)],
    ['POST', /^\/api\/checkout\/payment$/, (q, s) => handlePaymentChoice(context, q, s)],
    ['GET', /^\/api\/checkout$/, (q, s) => handleCheckout(context, q, s)],
    ['POST', /^\/api\/checkout\/discount$/, (q, s) => handleDiscount(context, q, s)],
    ['POST', /^\/api\/checkout\/start$/, (q, s) => handleStart(context, q, s)],
    ['GET', /^\/api\/checkout\/fallback$/, (q, s, u) => handleFallback(context, q, s, u)],
    ['POST', /^\/api\/checkout\/fallback$/, (q, s, u) => handleFallback(context, q, s, u)],
    ['POST', /^\/api\/confirm$/, (q, s) => options.confirm(q, s)],
    ['GET', /^\/api\/orders$/, (q, s) => handleOrders(context, q, s)],
    ['GET', /^\/api\/orders\/([\w-]{1,64})$/, (q, s, _u, m) => handleOrder(context, q, s, m[1]!)],
    [
      'POST',
      /^\/api\/orders\/([\w-]{1,64})\/retry$/,
      (q, s, _u, m) => handleRetry(context, q, s, m[1]!),
    ],
    [
      'POST',
      /^\/api\/orders\/([\w-]{1,64})\/(deposit|refund)$/,
      (q, s, _u, m) => handleOperation(context, q, s, m[1]!, m[2] as 'deposit' | 'refund'),
    ],
  ];

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://shop.invalid');
    let pathMatched = false;
    for (const [method, pattern, route] of routes) {
      const match = pattern.exec(url.pathname);
      if (!match) continue;
      pathMatched = true;
      if (method !== request.method) continue;
      await route(request, response, url, match);
      return;
    }
    if (pathMatched) throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');
    if (url.pathname.startsWith('/api/'))
      throw new HttpError(404, 'NOT_FOUND', 'No such endpoint.');
    if (options.staticDir && (request.method === 'GET' || request.method === 'HEAD')) {
      if (await serveStatic(options.staticDir, url.pathname, response)) return;
    }
    throw new HttpError(404, 'NOT_FOUND', 'Page not found.');
  }

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof HttpError) {
        sendJson(response, error.status, {
          error: error.code,
          message: error.message,
          ...error.extra,
        });
        return;
      }
      options.log?.(`shop: unexpected error on ${request.method} ${request.url}: ${String(error)}`);
      sendJson(response, 500, { error: 'INTERNAL', message: 'Something went wrong on our side.' });
    });
  };
}
