/**
 * The HTTP transport of the client: one form POST to the gateway, the headers of
 * qenta-protocol §1.4, a timeout, the POST limits of §10 checked before sending, and the
 * gateway's answer decoded (§4.1) with its error block turned into a `GATEWAY_ERROR` (§4.2).
 */
import { parseErrorBlock } from './error-block.ts';
import { type GatewayErrorDetail, QentaError } from './errors.ts';
import { computeFingerprint } from './fingerprint.ts';
import { decodeForm, encodeForm, type FormFields, fieldValue } from './form.ts';
import { postLimitIssues } from './limits.ts';
import { createMasker, type Masker, sanitizeCause } from './masking.ts';

/**
 * The User-Agent sent when the caller sets none (§1.4 requires one).
 *
 * @example
 * ```ts
 * createQentaClient({ ...account, userAgent: `my-shop/1.0 ${DEFAULT_USER_AGENT}` });
 * ```
 */
export const DEFAULT_USER_AGENT = 'qenta-seamless-server-helpers/0.1.0';

/** How a {@link Transport} is set up. */
export interface TransportOptions {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  userAgent: string;
  /** Extra attempts for read-only requests after a network error. */
  retries: number;
  /**
   * The secret and backend password: masked, in every rendering, out of anything the gateway or
   * `fetch` says back (see {@link createMasker}).
   */
  sensitive: readonly (string | undefined)[];
}

/** One request to the gateway. */
export interface GatewayRequest {
  /** Path below the base URL, e.g. `/dataStorage/init`. */
  path: string;
  /** What the caller was doing, for error messages (`dataStorage.init`). */
  operation: string;
  /** Wire fields, fingerprint included. */
  fields: Readonly<Record<string, string | undefined>>;
  /** Read-only requests may be retried on network errors; payments and backend changes never. */
  readOnly: boolean;
}

/** Sends one request and returns the decoded answer fields (never an error block). */
export type Transport = (request: GatewayRequest) => Promise<FormFields>;

/**
 * Creates the transport the client's operations share.
 *
 * @example
 * ```ts
 * const send = createTransport({ baseUrl, fetch, timeoutMs: 30_000, userAgent: 'my-shop/1.0', retries: 2 });
 * const fields = await send({ path: '/backend/generateOrderNumber', operation: 'generateOrderNumber', fields, readOnly: false });
 * ```
 */
export function createTransport(options: TransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  return async (request) => {
    const limitIssues = postLimitIssues(request.fields);
    if (limitIssues.length > 0) {
      const named = limitIssues.map((issue) => `${issue.path || '(request)'}: ${issue.message}`);
      throw new QentaError(
        'LIMIT_EXCEEDED',
        `${request.operation} breaks the gateway's POST limits: ${named.join('; ')}`,
        { issues: limitIssues },
      );
    }
    const body = encodeForm(request.fields);
    const url = `${base}${request.path}`;
    const attempts = request.readOnly ? options.retries + 1 : 1;
    let lastError: QentaError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await sendOnce(options, url, body, request);
      } catch (error) {
        // Only a connection that never produced an answer is safe to repeat, and only for
        // read-only requests: a payment or refund might have reached the gateway (§3 of issue 2).
        if (!(error instanceof QentaError) || error.code !== 'NETWORK_ERROR') throw error;
        lastError = error;
        if (attempt < attempts) await delay(100 * 2 ** (attempt - 1));
      }
    }
    throw lastError;
  };
}

async function sendOnce(
  options: TransportOptions,
  url: string,
  body: string,
  request: GatewayRequest,
): Promise<FormFields> {
  const { operation } = request;
  // Built only when something goes wrong: the happy path never needs it.
  const mask = (): Masker =>
    createMasker([...options.sensitive, request.fields.requestFingerprint]);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let text: string;
  let status: number;
  try {
    const response = await options.fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'User-Agent': options.userAgent,
        // §1.4: the gateway answers 403 to requests without these headers.
        Connection: 'close',
      },
      body,
      signal,
      redirect: 'manual',
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (signal.aborted) {
      throw new QentaError('TIMEOUT', `${operation}: no answer within ${options.timeoutMs} ms`, {
        cause: sanitizeCause(error, mask()),
      });
    }
    throw new QentaError('NETWORK_ERROR', `${operation}: the gateway could not be reached`, {
      cause: sanitizeCause(error, mask()),
    });
  }
  if (status < 200 || status > 299) {
    throw new QentaError('HTTP_ERROR', `${operation}: the gateway answered HTTP ${status}`, {
      httpStatus: status,
    });
  }
  if (!looksLikeForm(text)) {
    throw new QentaError(
      'INVALID_RESPONSE',
      `${operation}: the gateway's answer is not a form-encoded body`,
    );
  }
  const { fields } = decodeForm(text);
  const errorBlock = parseErrorBlock(fields);
  const errorCount = Number(fieldValue(fields, 'errors') ?? '0');
  if (errorBlock.length > 0 || errorCount > 0) {
    const masker = mask();
    const gatewayErrors = errorBlock.map((error) => maskError(error, masker));
    const statusField = fieldValue(fields, 'status');
    const summary = gatewayErrors.map((e) => `${e.errorCode} ${e.message}`.trim()).join('; ');
    throw new QentaError(
      'GATEWAY_ERROR',
      `${operation} refused by the gateway: ${summary || `${errorCount} error(s)`}`,
      {
        gatewayErrors,
        ...(statusField !== undefined && { backendStatus: Number(statusField) }),
      },
    );
  }
  return fields;
}

/**
 * Masks the secret, password and fingerprint should the gateway's error texts ever quote the
 * request, raw or encoded: error messages end up in logs (issue 2 §3, issue 10 item 8).
 */
function maskError(error: GatewayErrorDetail, mask: Masker): GatewayErrorDetail {
  const copy: GatewayErrorDetail = { ...error };
  for (const key of Object.keys(copy) as (keyof GatewayErrorDetail)[]) {
    const value = copy[key];
    if (typeof value === 'string') copy[key] = mask(value);
  }
  return copy;
}

// The gateway answers `name=value&…` (§4.1); HTML error pages and JSON are not that.
function looksLikeForm(text: string): boolean {
  return /^[A-Za-z0-9_.%-]+=[^&]*(?:&[A-Za-z0-9_.%-]+=[^&]*)*$/.test(text.trim());
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The merchant account and the transport every operation works with. */
export interface MerchantContext {
  customerId: string;
  shopId: string | undefined;
  secret: string;
  backendPassword: string | undefined;
  algorithm: 'hmac-sha512' | 'sha512';
  /** Language for backend operations when a call names none. */
  language: string;
  send: Transport;
}

/**
 * Signs a request's fields with the merchant's secret in a fixed `order` (qenta-protocol §2.2,
 * §2.3, §2.5), appends `requestFingerprint` and sends it.
 *
 * @example
 * ```ts
 * const answer = await sendSigned(context, { path: '/dataStorage/read', operation: 'dataStorage.read', fields, order: DATA_STORAGE_READ_ORDER, readOnly: true });
 * ```
 */
export function sendSigned(
  context: MerchantContext,
  request: GatewayRequest & { order: readonly string[] },
): Promise<FormFields> {
  const { order, ...unsigned } = request;
  const requestFingerprint = computeFingerprint(request.fields, order, context.secret, {
    algorithm: context.algorithm,
  });
  return context.send({ ...unsigned, fields: { ...request.fields, requestFingerprint } });
}
