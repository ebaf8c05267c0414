/**
 * The shop's `confirmUrl` endpoint (qenta-protocol §5): a web-standard
 * `(request: Request) => Promise<Response>` handler (Hono, Next.js route handlers, Bun, Deno) and
 * an adapter for `node:http` / Express. It answers OK only once the shop has stored the
 * confirmation, so the gateway retries whenever the shop could not.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import {
  type Confirmation,
  type ConfirmationBody,
  type VerifyConfirmationOptions,
  verifyConfirmation,
} from './confirmation.ts';
import { confirmationResponse } from './confirmation-response.ts';
import { isQentaError, type QentaErrorCode } from './errors.ts';
import { findFormFields } from './form.ts';

/** What `onRejected` learns about a confirmation that failed verification. */
export interface ConfirmationRejection {
  /**
   * Why: `FINGERPRINT_MISSING`, `FINGERPRINT_ORDER_INCOMPLETE`, `FINGERPRINT_ORDER_INVALID`,
   * `FINGERPRINT_MISMATCH`, `INVALID_FIELD_FORMAT`, `INVALID_CONFIRMATION`.
   */
  code: QentaErrorCode;
  /** The verifier's message (it never contains the secret, the fingerprint or the body). */
  message: string;
  /** As claimed by the sender, unverified; for recording the rejection against an order. */
  paymentState?: string;
  /** As claimed by the sender, unverified. */
  orderNumber?: string;
}

/** Options of {@link createConfirmHandler}. */
export interface ConfirmHandlerOptions extends VerifyConfirmationOptions {
  /**
   * Stores the confirmation (idempotently: the gateway may deliver one more than once). The
   * gateway is told OK only after this resolves; if it throws, NOK, and the gateway retries.
   * CANCEL and FAILURE arrive here too, with `verified: false`.
   */
  onConfirmation: (confirmation: Confirmation) => unknown;
  /** Called for a confirmation that fails verification; answered NOK with a generic message. */
  onRejected?: (rejection: ConfirmationRejection) => unknown;
  /** Called with whatever `onConfirmation` or `onRejected` threw, for logging. */
  onError?: (error: unknown) => void;
  /** Body cap in bytes; larger bodies get 413. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** A web-standard request handler. */
export type ConfirmHandler = (request: Request) => Promise<Response>;

/** A `node:http` / Express request listener. */
export type NodeListener = (request: IncomingMessage, response: ServerResponse) => void;

interface Outcome {
  status: number;
  body: string;
  allow?: string;
  /** The node:http headers of a constant outcome, built once (the confirm answers are). */
  nodeHeaders?: Record<string, string | number>;
}

interface Core {
  /** Checks method, content type and declared length; `undefined` means "read the body". */
  precheck(
    method: string,
    contentType: string | null,
    contentLength: string | null,
  ): Outcome | undefined;
  /**
   * Verifies and dispatches a body that passed the precheck. Synchronous when the callbacks
   * are: a promise hop per confirmation is measurable under load (bench figure 5).
   */
  handle(body: ConfirmationBody): Outcome | Promise<Outcome>;
  maxBodyBytes: number;
}

const TEXT_HEADERS = { 'content-type': 'text/plain; charset=utf-8' } as const;
const OK = constantOutcome(200, confirmationResponse({ ok: true }));
const REJECTED = constantOutcome(
  200,
  confirmationResponse({ ok: false, message: 'confirmation rejected' }),
);
const FAILED = constantOutcome(
  200,
  confirmationResponse({ ok: false, message: 'confirmation not processed' }),
);
const INTERNAL = constantOutcome(500, FAILED.body);
const TOO_LARGE: Outcome = { status: 413, body: 'confirmation body too large' };
const cores = new WeakMap<ConfirmHandler, Core>();

/**
 * Creates the confirm endpoint: POST only (405), form content type only (415), body at most
 * 1 MiB (413); verifies with {@link verifyConfirmation}; answers
 * `<QPAY-CONFIRMATION-RESPONSE result="OK" />` once `onConfirmation` resolved, NOK when it threw
 * (so the gateway retries) or when verification failed (after `onRejected`).
 *
 * @example
 * ```ts
 * const confirm = createConfirmHandler({
 *   secret: process.env.QENTA_SECRET!,
 *   onConfirmation: (confirmation) => db.recordConfirmation(confirmation),
 *   onRejected: (rejection) => db.recordRejectedConfirmation(rejection),
 * });
 * export const POST = confirm; // Next.js route handler; or app.post('/qenta/confirm', (c) => confirm(c.req.raw)) in Hono
 * ```
 */
export function createConfirmHandler(options: ConfirmHandlerOptions): ConfirmHandler {
  const core = createCore(options);
  const handler: ConfirmHandler = async (request) => {
    const early = core.precheck(
      request.method,
      request.headers.get('content-type'),
      request.headers.get('content-length'),
    );
    if (early) return toResponse(early);
    const body = await readCapped(request.body, core.maxBodyBytes);
    return toResponse(body === undefined ? TOO_LARGE : await core.handle(body));
  };
  cores.set(handler, core);
  return handler;
}

/**
 * Adapts a web-standard handler to `node:http` and Express. A handler made by
 * {@link createConfirmHandler} runs without building `Request`/`Response` objects.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(confirm)).listen(3000);
 * // Express: app.post('/qenta/confirm', toNodeListener(confirm)); (mount it before any body parser)
 * ```
 */
export function toNodeListener(handler: ConfirmHandler): NodeListener {
  const core = cores.get(handler);
  if (core) return (request, response) => handleNode(core, request, response);
  return (request, response) => void handleGeneric(handler, request, response);
}

function createCore(options: ConfirmHandlerOptions): Core {
  const verifyOptions: VerifyConfirmationOptions = {
    secret: options.secret,
    ...(options.algorithm !== undefined && { algorithm: options.algorithm }),
  };
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const report = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // A failing logger must not change the answer.
    }
  };
  return {
    maxBodyBytes,
    precheck(method, contentType, contentLength) {
      if (method !== 'POST') return { status: 405, body: 'method not allowed', allow: 'POST' };
      if (!isFormContentType(contentType)) {
        return { status: 415, body: 'expected application/x-www-form-urlencoded' };
      }
      if (contentLength !== null && Number(contentLength) > maxBodyBytes) return TOO_LARGE;
      return undefined;
    },
    handle(body) {
      let confirmation: Confirmation;
      try {
        confirmation = verifyConfirmation(body, verifyOptions);
      } catch (error) {
        // verifyConfirmation throws only QentaErrors; anything else is still the body's fault
        // and must reach onRejected with a stable code, never escape as a 500.
        if (isQentaError(error)) return rejected(error.code, error.message, body);
        report(error);
        return rejected('INVALID_CONFIRMATION', 'The confirmation could not be read', body);
      }
      let stored: unknown;
      try {
        stored = options.onConfirmation(confirmation);
      } catch (error) {
        report(error);
        return FAILED;
      }
      if (!isThenable(stored)) return OK;
      return Promise.resolve(stored).then(
        () => OK,
        (error: unknown) => {
          report(error);
          return FAILED;
        },
      );
    },
  };

  async function rejected(
    code: QentaErrorCode,
    message: string,
    body: ConfirmationBody,
  ): Promise<Outcome> {
    if (options.onRejected) {
      try {
        await options.onRejected(rejectionOf(code, message, body));
      } catch (callbackError) {
        // Also a failure reading the claims: the rejection stands either way.
        report(callbackError);
      }
    }
    return REJECTED;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function constantOutcome(status: number, body: string): Outcome {
  return {
    status,
    body,
    nodeHeaders: { ...TEXT_HEADERS, 'content-length': Buffer.byteLength(body) },
  };
}

function rejectionOf(
  code: QentaErrorCode,
  message: string,
  body: ConfirmationBody,
): ConfirmationRejection {
  // Off the hot path: a lenient second read just to say which order the sender claims. Linear
  // in the body, one pair at a time, and it stops once both claims are found.
  const fields: Readonly<Record<string, unknown>> | URLSearchParams | Map<string, string> =
    typeof body === 'string' ? findFormFields(body, ['paymentState', 'orderNumber']) : body;
  const claim = (name: string): string | undefined => {
    try {
      if (fields instanceof URLSearchParams || fields instanceof Map) {
        return fields.get(name) ?? undefined;
      }
      const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
      return typeof value === 'string' ? value : undefined;
    } catch {
      // A parsed body whose getter throws claims nothing; the rejection is still reported.
      return undefined;
    }
  };
  const paymentState = short(claim('paymentState'));
  const orderNumber = short(claim('orderNumber'));
  return {
    code,
    message,
    ...(paymentState !== undefined && { paymentState }),
    ...(orderNumber !== undefined && { orderNumber }),
  };
}

function short(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.slice(0, 64);
}

function isFormContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  // What the gateway sends; the general parse below is for everyone else.
  if (contentType === 'application/x-www-form-urlencoded') return true;
  const semicolon = contentType.indexOf(';');
  const type = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim();
  return type.toLowerCase() === 'application/x-www-form-urlencoded';
}

function toResponse(outcome: Outcome): Response {
  const headers: Record<string, string> = { ...TEXT_HEADERS };
  if (outcome.allow) headers.allow = outcome.allow;
  return new Response(outcome.body, { status: outcome.status, headers });
}

async function readCapped(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<string | undefined> {
  if (stream === null) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function handleNode(core: Core, request: IncomingMessage, response: ServerResponse): void {
  // Node builds `request.headers` lazily; reading the two headers needed from `rawHeaders`
  // spares building it for every confirmation (bench figure 5). First occurrence wins, as there.
  let contentType: string | null = null;
  let contentLength: string | null = null;
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 12 && contentType === null && name.toLowerCase() === 'content-type') {
      contentType = raw[i + 1] as string;
    } else if (
      name.length === 14 &&
      contentLength === null &&
      name.toLowerCase() === 'content-length'
    ) {
      contentLength = raw[i + 1] as string;
    }
  }
  const early = core.precheck(request.method ?? 'GET', contentType, contentLength);
  if (early) {
    // The body is not wanted; answer and close instead of keeping the connection for it.
    writeNode(response, early, true);
    request.resume();
    return;
  }
  const preParsed = (request as { body?: unknown }).body;
  if (preParsed !== undefined || request.readableEnded) {
    // Express with a body parser mounted first: the stream is gone, use what it parsed.
    const body = Buffer.isBuffer(preParsed)
      ? preParsed.toString('utf8')
      : typeof preParsed === 'string' || (typeof preParsed === 'object' && preParsed !== null)
        ? (preParsed as ConfirmationBody)
        : '';
    dispatch(core, body, response);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  request.on('data', (chunk: Buffer) => {
    if (tooLarge) return;
    size += chunk.length;
    if (size > core.maxBodyBytes) {
      tooLarge = true;
      chunks.length = 0;
      writeNode(response, TOO_LARGE, true);
      return;
    }
    chunks.push(chunk);
  });
  request.on('error', () => response.destroy());
  request.on('end', () => {
    if (tooLarge) return;
    const body =
      chunks.length === 1
        ? (chunks[0] as Buffer).toString('utf8')
        : Buffer.concat(chunks, size).toString('utf8');
    dispatch(core, body, response);
  });
}

function dispatch(core: Core, body: ConfirmationBody, response: ServerResponse): void {
  let outcome: Outcome | Promise<Outcome>;
  try {
    outcome = core.handle(body);
  } catch {
    writeNode(response, INTERNAL, false);
    return;
  }
  if (outcome instanceof Promise) {
    outcome.then(
      (settled) => writeNode(response, settled, false),
      () => writeNode(response, INTERNAL, false),
    );
  } else {
    writeNode(response, outcome, false);
  }
}

function writeNode(response: ServerResponse, outcome: Outcome, close: boolean): void {
  if (outcome.nodeHeaders !== undefined && !close) {
    response.writeHead(outcome.status, outcome.nodeHeaders);
    response.end(outcome.body);
    return;
  }
  const headers: Record<string, string | number> = {
    ...TEXT_HEADERS,
    'content-length': Buffer.byteLength(outcome.body),
  };
  if (outcome.allow) headers.allow = outcome.allow;
  if (close) headers.connection = 'close';
  response.writeHead(outcome.status, headers);
  response.end(outcome.body);
}

async function handleGeneric(
  handler: ConfirmHandler,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const method = request.method ?? 'GET';
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    }
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const webRequest = new Request(
      `http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`,
      {
        method,
        headers,
        ...(hasBody && {
          body: Readable.toWeb(request) as unknown as ReadableStream<Uint8Array>,
          duplex: 'half',
        }),
      } as RequestInit,
    );
    const webResponse = await handler(webRequest);
    const text = await webResponse.text();
    const outHeaders: Record<string, string> = {};
    webResponse.headers.forEach((value, name) => {
      outHeaders[name] = value;
    });
    response.writeHead(webResponse.status, outHeaders);
    response.end(text);
  } catch {
    if (!response.headersSent) response.writeHead(500, TEXT_HEADERS);
    response.end('internal error');
  }
}
