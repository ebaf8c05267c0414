/**
 * The browser-facing data-storage surfaces: the script at `javascriptUrl` (qenta-protocol §1.3,
 * §6), the store endpoint it talks to cross-origin, and the SAQ-A iframe (§6.5).
 *
 * Store transport (the docs leave it open, §6): `POST {base}/dataStorage/store`, a form body
 * (`storageId`, `paymentType`, the §6.3 fields), answered with JSON
 * `{ storageId, paymentInformation, errors, error }` — the shape of the callback's `response`
 * property (§6.4). A form body is a CORS "simple request", so no preflight is needed; OPTIONS is
 * answered anyway, allowing only POST and Content-Type.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  decodeForm,
  fieldValue,
  type GatewayErrorDetail,
} from '@qenta-seamless/server-helpers/protocol';
import type { EmulatorContext, Route } from '../context.ts';
import { escapeHtml, HttpError, readBody } from '../http.ts';
import { originOf, send } from './http.ts';
import { iframePage, safeCssUrl } from './iframe-page.ts';
import { validatePaymentInformation } from './payment-validation.ts';
import { fieldError } from './store-errors.ts';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
const SCRIPT_TEMPLATE = asset('data-storage.js');
const ASSETS: Record<string, { type: string; body: string }> = {
  'iframe.js': { type: 'text/javascript; charset=utf-8', body: asset('iframe.js') },
  'iframe.css': { type: 'text/css; charset=utf-8', body: asset('iframe.css') },
  'payment.css': { type: 'text/css; charset=utf-8', body: asset('payment.css') },
  'favicon.svg': { type: 'image/svg+xml', body: asset('favicon.svg') },
};
const STORE_BODY_LIMIT = 16 * 1024;
const IFRAME_TYPES = new Set(['CCARD', 'CCARD-MOTO', 'MAESTRO', 'GOOGLEPAY']);

/**
 * The data-storage routes of the browser side.
 *
 * @example
 * ```ts
 * const routes = dataStorageRoutes(ctx);
 * ```
 */
export function dataStorageRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/seamless\/dataStorage\/js\/([^/]+)\/(?:([^/]+)\/)?([^/]+)\/dataStorage\.js$/,
      handle: (...[, response, match]) => handleScript(ctx, response, match),
    },
    {
      method: 'OPTIONS',
      path: /^\/seamless\/dataStorage\/store$/,
      handle: (request, response) => {
        response.writeHead(204, { ...corsHeaders(request), 'Access-Control-Max-Age': '600' });
        response.end();
      },
    },
    {
      method: 'POST',
      path: /^\/seamless\/dataStorage\/store$/,
      handle: (request, response) => handleStore(ctx, request, response),
    },
    {
      method: 'GET',
      path: /^\/seamless\/dataStorage\/iframe\/([0-9a-fA-F]+)\/([A-Z-]+)$/,
      handle: (request, response, match, url) => handleIframe(ctx, request, response, match, url),
    },
    {
      method: 'GET',
      path: /^\/seamless\/(?:dataStorage|frontend)\/assets\/([a-z.-]+)$/,
      handle: (...[, response, match]) => {
        const file = ASSETS[match[1] ?? ''];
        if (!file) return send(response, 404, 'text/plain; charset=utf-8', 'Not found.');
        send(response, 200, file.type, file.body, { 'Cache-Control': 'no-cache' });
      },
    },
  ];
}

/**
 * The script for one storage: the template with its configuration as a JSON literal (escaped so
 * that no `</script>` or line separator can end it early).
 *
 * @example
 * ```ts
 * const js = dataStorageScript(ctx, storage);
 * ```
 */
export function dataStorageScript(
  ctx: Pick<EmulatorContext, 'origin' | 'baseUrl'>,
  storage: { storageId: string; javascriptScriptVersion: string; language: string },
): string {
  const config = {
    origin: ctx.origin,
    storageId: storage.storageId,
    storeUrl: `${ctx.baseUrl}/dataStorage/store`,
    iframeUrl: `${ctx.baseUrl}/dataStorage/iframe/${storage.storageId}`,
    javascriptScriptVersion: storage.javascriptScriptVersion,
    iframeTitle: storage.language.toLowerCase() === 'de' ? 'Kartendaten' : 'Card details',
  };
  const literal = JSON.stringify(config)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
  return SCRIPT_TEMPLATE.replace('/*CONFIG*/ {}', literal);
}

function handleScript(ctx: EmulatorContext, response: ServerResponse, match: RegExpExecArray) {
  const [, customerId, shopId = '', storageId = ''] = match;
  const storage = ctx.storages.access(storageId);
  if (!storage || storage.customerId !== customerId || storage.shopId !== shopId) {
    return send(
      response,
      404,
      'text/javascript; charset=utf-8',
      '// Unknown, expired or used data storage.\n',
    );
  }
  send(response, 200, 'text/javascript; charset=utf-8', dataStorageScript(ctx, storage), {
    'Cache-Control': 'no-store',
    // The script is loaded cross-origin by shop pages (and by pages with COEP).
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
}

function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type',
    Vary: 'Origin',
  };
}

async function handleStore(
  ctx: EmulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const cors = corsHeaders(request);
  const reply = (status: number, payload: unknown) =>
    send(response, status, 'application/json; charset=utf-8', JSON.stringify(payload), cors);
  const failed = (errors: GatewayErrorDetail[]) =>
    reply(200, { errors: errors.length, error: errors });
  let body: string;
  try {
    body = await readBody(request, { maxBytes: STORE_BODY_LIMIT });
  } catch (error) {
    // Answered here rather than by server.ts: the script reads it cross-origin, so CORS applies.
    if (error instanceof HttpError) return reply(error.status, { errors: 1, error: [] });
    throw error;
  }
  const fields = decodeForm(body).fields;
  const storageId = fieldValue(fields, 'storageId') ?? '';
  const paymentType = fieldValue(fields, 'paymentType') ?? '';
  if (storageId === '') return failed([fieldError('storageId', 'missing', 'en')]);
  const status = ctx.storages.status(storageId);
  const storage = status === 'live' ? ctx.storages.access(storageId) : undefined;
  if (!storage) {
    ctx.journal.record({
      kind: 'storage',
      summary: `Store refused: data storage ${status}`,
      details: { storageId, paymentType, status },
    });
    return failed([fieldError('storageId', 'invalid', 'en')]);
  }
  const result = validatePaymentInformation({
    paymentType,
    fields,
    language: storage.language,
    now: ctx.clock.now(),
  });
  if (!result.ok) {
    ctx.journal.record({
      kind: 'storage',
      summary: `Store of ${paymentType || 'no payment type'} rejected (${result.errors.map((e) => e.errorCode).join(', ')})`,
      details: { storageId, paymentType, errorCodes: result.errors.map((e) => e.errorCode) },
    });
    return failed(result.errors);
  }
  ctx.storages.attach(storageId, result.paymentType, result.anonymized, result.sensitive);
  ctx.journal.record({
    kind: 'storage',
    summary: `Stored ${result.paymentType} in data storage`,
    // Anonymised data only: never the PAN, CVC or IBAN (journal rule of context.ts).
    details: { storageId, paymentType: result.paymentType, anonymized: result.anonymized },
  });
  reply(200, {
    storageId,
    paymentInformation: { paymentType: result.paymentType, ...result.anonymized },
    errors: 0,
  });
}

function handleIframe(
  ctx: EmulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
  match: RegExpExecArray,
  url: URL,
) {
  const storageId = match[1] ?? '';
  const paymentType = match[2] ?? '';
  const refuse = (status: number, why: string) =>
    send(response, status, 'text/html; charset=utf-8', errorDocument(why));
  const storage = ctx.storages.access(storageId);
  if (!storage) return refuse(404, 'Unknown, expired or used data storage.');
  if (storage.javascriptScriptVersion === '' || !IFRAME_TYPES.has(paymentType)) {
    return refuse(404, 'No iframe for this data storage.');
  }
  // The iframe answers to the origin named in its URL only when that origin is the shop's:
  // the returnUrl origin given at init, or the page that really embeds it (Referer).
  const requested = url.searchParams.get('origin') ?? '';
  const parentOrigin = originOf(requested);
  const allowed = [originOf(storage.returnUrl), originOf(request.headers.referer)];
  if (!parentOrigin || parentOrigin !== requested || !allowed.includes(parentOrigin)) {
    return refuse(403, 'This iframe may only be embedded by the shop that created the storage.');
  }
  const cssOrigin = originOf(safeCssUrl(storage.iframeOptions.iframeCssUrl)) ?? '';
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' ${cssOrigin}`.trim(),
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${parentOrigin}`,
  ].join('; ');
  const html = iframePage({
    storage,
    paymentType,
    parentOrigin,
    baseUrl: ctx.baseUrl,
    now: ctx.clock.now(),
  });
  send(response, 200, 'text/html; charset=utf-8', html, {
    'Content-Security-Policy': csp,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
}

function errorDocument(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not available</title></head><body><p>${escapeHtml(message)}</p></body></html>`;
}
