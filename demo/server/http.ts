/**
 * Small `node:http` helpers for the shop backend: JSON in and out, cookies, body caps. The shop
 * needs no framework; these keep the route code short.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest JSON body the shop's own API accepts (carts and checkout choices are tiny). */
export const MAX_JSON_BYTES = 64 * 1024;

/** An error with an HTTP status and a stable code the pages can switch on. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly code: string;
  /** Extra JSON for the page (e.g. the gateway's consumer messages). */
  readonly extra: Record<string, unknown>;

  /**
   * @example
   * ```ts
   * throw new HttpError(404, 'ORDER_NOT_FOUND', 'No order with this id.');
   * ```
   */
  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

/**
 * Reads a request body as text, refusing more than `limit` bytes with 413.
 *
 * @example
 * ```ts
 * const text = await readBody(request, 1024);
 * ```
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'BODY_TOO_LARGE', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a JSON object body; an empty body is `{}`.
 *
 * @example
 * ```ts
 * const { code } = await readJson(request);
 * ```
 */
export async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(request, MAX_JSON_BYTES);
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Falls through to the same answer as a non-object.
  }
  throw new HttpError(400, 'INVALID_JSON', 'The request body must be a JSON object.');
}

/**
 * Answers JSON.
 *
 * @example
 * ```ts
 * sendJson(response, 200, { ok: true });
 * ```
 */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/**
 * Parses the `Cookie` header.
 *
 * @example
 * ```ts
 * parseCookies('sid=abc; theme=dark').sid; // 'abc'
 * ```
 */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 1) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A cookie that is not valid percent-encoding is not ours.
    }
  }
  return cookies;
}

/**
 * Reads a JSON or an `application/x-www-form-urlencoded` body (a plain HTML form post).
 *
 * @example
 * ```ts
 * const { body, isForm } = await readInput(request);
 * ```
 */
export async function readInput(
  request: IncomingMessage,
): Promise<{ body: Record<string, unknown>; isForm: boolean }> {
  const type = String(request.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    return { body: await readJson(request), isForm: false };
  }
  const text = await readBody(request, MAX_JSON_BYTES);
  return { body: Object.fromEntries(new URLSearchParams(text)), isForm: true };
}

/**
 * Answers a redirect that turns a form POST into a GET (303 See Other).
 *
 * @example
 * ```ts
 * redirect(response, '/review.html');
 * ```
 */
export function redirect(response: ServerResponse, location: string): void {
  response.writeHead(303, { location, 'content-length': 0, 'cache-control': 'no-store' });
  response.end();
}
