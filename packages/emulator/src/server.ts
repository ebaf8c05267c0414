/**
 * Routing only: `/qmore/…` is an alias of `/seamless/…` (qenta-protocol §1.1, §11.16); a path
 * no route knows is 404, a known path with another method 405 (§11.17 leaves non-POST methods
 * open); a GET whose query breaks §10's GET limits is 414 with the text of 15626, the error the
 * API answers for a body beyond the POST limits. A handler that throws gets a 500 and the server
 * keeps running.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Journal, Route } from './context.ts';
import { gatewayError } from './error-catalog.ts';
import { exceedsGetLimits } from './get-limits.ts';
import { HttpError, sendText } from './http.ts';

/**
 * The URL a route sees: `/qmore` rewritten to `/seamless`, or undefined for a request target
 * that is no valid path.
 *
 * @example
 * ```ts
 * routedUrl('/qmore/frontend/init', 'http://127.0.0.1:8899')?.pathname; // '/seamless/frontend/init'
 * ```
 */
export function routedUrl(target: string, origin: string): URL | undefined {
  if (!target.startsWith('/')) return undefined;
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return undefined;
  }
  if (/^\/qmore(?=\/|$)/i.test(url.pathname)) {
    url.pathname = url.pathname.replace(/^\/qmore/i, '/seamless');
  }
  return url;
}

/**
 * A `node:http` request listener over the routes, tried in order.
 *
 * @example
 * ```ts
 * const server = createServer(createRouter({ routes, origin: () => ctx.origin, journal }));
 * ```
 */
export function createRouter(options: {
  routes: readonly Route[];
  origin: () => string;
  journal: Journal;
}): RequestListener {
  const { routes, journal } = options;
  return (request: IncomingMessage, response: ServerResponse) => {
    const url = routedUrl(request.url ?? '', options.origin());
    if (url === undefined) {
      sendText(response, 400, 'Bad request target');
      return;
    }
    if (request.method === 'GET' && exceedsGetLimits(url)) {
      request.resume();
      const error = gatewayError('15626', 'en');
      sendText(response, 414, `${error.errorCode} ${error.message}`);
      return;
    }
    const allowed = new Set<string>();
    for (const route of routes) {
      route.path.lastIndex = 0;
      const match = route.path.exec(url.pathname);
      if (match === null) continue;
      if (route.method !== request.method) {
        allowed.add(route.method);
        continue;
      }
      run(route, request, response, match, url, journal);
      return;
    }
    request.resume();
    if (allowed.size > 0) {
      sendText(response, 405, 'Method not allowed', { allow: [...allowed].join(', ') });
    } else {
      sendText(response, 404, 'Not found');
    }
  };
}

function run(
  route: Route,
  request: IncomingMessage,
  response: ServerResponse,
  match: RegExpExecArray,
  url: URL,
  journal: Journal,
): void {
  const fail = (error: unknown) => {
    // Transport faults a route raises (body over the cap, aborted upload) keep their 4xx.
    if (error instanceof HttpError) return sendText(response, error.status, error.message);
    journal.record({
      kind: 'request',
      summary: `${request.method} ${url.pathname}: HTTP 500`,
      details: { reason: error instanceof Error ? error.name : 'unknown' },
    });
    sendText(response, 500, 'Internal emulator error');
  };
  try {
    const result = route.handle(request, response, match, url);
    if (result instanceof Promise) result.catch(fail);
  } catch (error) {
    fail(error);
  }
}
