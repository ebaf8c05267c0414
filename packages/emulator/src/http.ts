/**
 * Transport-level handling of the gateway's form endpoints (qenta-protocol §1.4, §4.1, §11.17):
 * bodies are read with a cap (413 beyond it), a request without the form content type is
 * refused with 403, and answers are url-encoded `key=value&…` bodies with HTTP 200.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DecodedForm, decodeForm, encodeForm } from '@qenta-seamless/server-helpers/protocol';

/** Default body cap: far above any real request, low enough that nobody can fill the memory. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** A transport-level fault answered with a plain-text status instead of an error block. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * Reads the whole body as UTF-8, failing with 413 once it passes `maxBytes` (the rest of the
 * upload is drained, not buffered).
 *
 * @example
 * ```ts
 * const text = await readBody(request, { maxBytes: 64 * 1024 });
 * ```
 */
export function readBody(
  request: IncomingMessage,
  options: { maxBytes?: number } = {},
): Promise<string> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume();
    return Promise.reject(new HttpError(413, 'Request body too large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        reject(new HttpError(413, 'Request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!tooLarge) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', (error) => reject(new HttpError(400, `Request aborted: ${error.message}`)));
  });
}

/**
 * True when the request declares `application/x-www-form-urlencoded` (parameters such as
 * `charset` allowed, case-insensitive).
 *
 * @example
 * ```ts
 * if (!isFormRequest(request)) throw new HttpError(403, 'Forbidden');
 * ```
 */
export function isFormRequest(request: IncomingMessage): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/**
 * Checks the content type (403 otherwise, §1.4) and decodes the form body. A body with more
 * pairs than `maxParameters` is not decoded at all: it comes back with its `count` and no
 * fields, for the caller's limit check (§10) to refuse. Decoding 1 MiB of distinct names would
 * build an object of ~100 000 keys only to refuse it (issue 10).
 *
 * @example
 * ```ts
 * const { fields, duplicateKeys, count } = await readForm(request, { maxParameters: 12_000 });
 * ```
 */
export async function readForm(
  request: IncomingMessage,
  options: { maxBytes?: number; maxParameters?: number } = {},
): Promise<DecodedForm> {
  if (!isFormRequest(request)) {
    request.resume();
    throw new HttpError(403, 'Forbidden: Content-Type must be application/x-www-form-urlencoded');
  }
  const body = await readBody(request, options);
  const maxParameters = options.maxParameters ?? Number.POSITIVE_INFINITY;
  const count = countPairs(body, maxParameters);
  if (count > maxParameters) return { fields: {}, duplicateKeys: [], count };
  // Runs of '&' are empty pairs, which decoding skips; collapsed first, they cannot become an
  // array of a million empty strings (1 MiB of '&' cost 40 MiB).
  return decodeForm(body.replace(/&&+/g, '&'));
}

/**
 * Counts the non-empty `&`-separated pairs of a form body, as `decodeForm` would, stopping once
 * past `stopAfter`. Linear, and allocates nothing.
 *
 * @example
 * ```ts
 * countPairs('a=1&&b', 100); // 2
 * ```
 */
export function countPairs(body: string, stopAfter: number): number {
  let count = 0;
  let start = 0;
  while (start <= body.length && count <= stopAfter) {
    let end = body.indexOf('&', start);
    if (end === -1) end = body.length;
    if (end > start) count++;
    start = end + 1;
  }
  return count;
}

/**
 * Answers HTTP 200 with an url-encoded body (§4.1: `,`, `&`, `=` inside values are
 * percent-encoded by `encodeForm`, as the official PHP parser needs).
 *
 * @example
 * ```ts
 * sendForm(response, { storageId, javascriptUrl });
 * ```
 */
export function sendForm(
  response: ServerResponse,
  fields: Readonly<Record<string, string | undefined>>,
): void {
  const body = encodeForm(fields);
  response.writeHead(200, {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

/**
 * Answers with a short plain-text status (transport faults: 403, 404, 405, 413, 500).
 *
 * @example
 * ```ts
 * sendText(response, 404, 'Not found');
 * ```
 */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
