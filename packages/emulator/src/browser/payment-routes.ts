/**
 * The payment page routes (`{base}/frontend/{customerId}{shopId}_DESKTOP/select.php?SID=…`,
 * qenta-protocol §1.3) and the "resolve pending" action of the journal's payments page (the page
 * itself is `journal-page.ts`'s, the only one).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeForm, fieldValue } from '@qenta-seamless/server-helpers/protocol';
import type { EmulatorContext, Route } from '../context.ts';
import { readBody } from '../http.ts';
import type { PaymentState } from './confirm-fields.ts';
import { send } from './http.ts';
import { messagePage, paymentPage } from './payment-page.ts';
import { paymentPageStrings } from './payment-page-strings.ts';
import { type NextStep, normalisedHref, PaymentSessionBook } from './payments.ts';

const FORM_LIMIT = 8 * 1024;
const OUTCOMES = new Set<PaymentState>(['SUCCESS', 'CANCEL', 'FAILURE', 'PENDING']);
// Styles from the served sheet only, no script at all; the outcome form may redirect anywhere
// the shop said (success/cancel/failure/pendingUrl), so form-action is left open.
const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'";

/**
 * The payment page routes; they need `ctx.payments` to be {@link PaymentSessionBook}.
 *
 * @example
 * ```ts
 * const routes = paymentRoutes(ctx);
 * ```
 */
export function paymentRoutes(ctx: EmulatorContext): Route[] {
  const page = /^\/seamless\/frontend\/([^/]+)_DESKTOP\/select\.php$/;
  return [
    {
      method: 'GET',
      path: page,
      handle: (...[, response, match, url]) =>
        showPage(ctx, response, match, url, url.searchParams.get('SID') ?? ''),
    },
    {
      method: 'POST',
      path: page,
      handle: (request, response, match, url) => handleAction(ctx, request, response, match, url),
    },
    {
      method: 'POST',
      path: /^\/journal\/payments\/([a-z0-9]{26})\/resolve$/,
      handle: (request, response, match) => handleResolve(ctx, request, response, match),
    },
  ];
}

function book(ctx: EmulatorContext): PaymentSessionBook {
  if (!(ctx.payments instanceof PaymentSessionBook)) {
    throw new TypeError('ctx.payments must come from createPaymentSessions().');
  }
  return ctx.payments;
}

function html(response: ServerResponse, status: number, body: string): void {
  send(response, status, 'text/html; charset=utf-8', body, {
    'Content-Security-Policy': PAGE_CSP,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
}

function sessionFor(ctx: EmulatorContext, match: RegExpExecArray, sessionId: string) {
  const session = book(ctx).get(sessionId);
  if (!session || `${session.merchant.customerId}${session.shopId}` !== match[1]) return undefined;
  return session;
}

function showPage(
  ctx: EmulatorContext,
  response: ServerResponse,
  match: RegExpExecArray,
  url: URL,
  sessionId: string,
  notice?: string,
): void {
  const session = sessionFor(ctx, match, sessionId);
  if (!session) {
    html(response, 404, unknownPage(ctx));
    return;
  }
  const action = `${url.pathname}?SID=${encodeURIComponent(sessionId)}`;
  html(
    response,
    200,
    paymentPage({ session, action, baseUrl: ctx.baseUrl, ...(notice ? { notice } : {}) }),
  );
}

async function handleAction(
  ctx: EmulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
  match: RegExpExecArray,
  url: URL,
): Promise<void> {
  const body = await readBody(request, { maxBytes: FORM_LIMIT });
  const fields = decodeForm(body).fields;
  const sessionId = fieldValue(fields, 'SID') ?? url.searchParams.get('SID') ?? '';
  const session = sessionFor(ctx, match, sessionId);
  if (!session) {
    return html(response, 404, unknownPage(ctx));
  }
  const step = fieldValue(fields, 'step');
  let next: NextStep | undefined;
  if (step === 'authenticate') {
    next = await book(ctx).authenticate(sessionId, fieldValue(fields, 'password') ?? '');
  } else if (step === 'outcome') {
    const outcome = fieldValue(fields, 'outcome') as PaymentState;
    if (OUTCOMES.has(outcome)) next = await book(ctx).choose(sessionId, outcome);
  }
  // Normalised once more right where it becomes a header (defence in depth, issue 10).
  const location = next && 'redirect' in next ? normalisedHref(next.redirect) : undefined;
  if (location !== undefined) {
    response.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
    response.end();
    return;
  }
  const notice = next ? undefined : paymentPageStrings(session.request.language).notPossible;
  showPage(ctx, response, match, url, sessionId, notice);
}

async function handleResolve(
  ctx: EmulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
  match: RegExpExecArray,
): Promise<void> {
  const body = await readBody(request, { maxBytes: FORM_LIMIT });
  const fields = decodeForm(body).fields;
  const state = (fieldValue(fields, 'state') ?? 'SUCCESS').toUpperCase();
  if (state !== 'SUCCESS' && state !== 'FAILURE') {
    return send(
      response,
      400,
      'application/json',
      JSON.stringify({ resolved: false, error: 'state must be SUCCESS or FAILURE' }),
    );
  }
  const resolved = await book(ctx).resolvePending(match[1] ?? '', state);
  if ((request.headers.accept ?? '').includes('text/html')) {
    response.writeHead(303, { Location: '/journal/payments' });
    response.end();
    return;
  }
  send(response, resolved ? 200 : 409, 'application/json', JSON.stringify({ resolved }));
}

function unknownPage(ctx: EmulatorContext): string {
  const text = paymentPageStrings(undefined);
  return messagePage(text.unknownTitle, ctx.baseUrl, text.unknown);
}
