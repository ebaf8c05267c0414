/**
 * `GET /journal` (a page for people, newest first, like the gateway's Checkout Journal),
 * `GET /journal.json` (the same entries for tests) and `GET /journal/payments` (the payment
 * sessions, with buttons that resolve a PENDING payment now, design.md "Decisions").
 */
import type { ServerResponse } from 'node:http';
import type { EmulatorContext, JournalEntry, PaymentSession, Route } from './context.ts';
import { escapeHtml } from './http.ts';

/** What the payments page needs to know about a session (the browser side's session book). */
interface SessionView extends PaymentSession {
  stage?: string;
  state?: string;
}

/** The payment sessions as the journal page reads them. */
export interface SessionLookup {
  get(sessionId: string): SessionView | undefined;
}

/**
 * The journal routes.
 *
 * @example
 * ```ts
 * const routes = [...journalRoutes(ctx)];
 * ```
 */
export function journalRoutes(
  ctx: Pick<EmulatorContext, 'journal'> & { payments: unknown },
): Route[] {
  const sessions = ctx.payments as Partial<SessionLookup>;
  return [
    {
      method: 'GET',
      path: /^\/journal\/payments\/?$/,
      handle: (_request, response) =>
        sendHtml(
          response,
          renderPaymentsPage(ctx.journal.entries(), (id) => sessions.get?.(id)),
        ),
    },
    {
      method: 'GET',
      path: /^\/journal\.json$/,
      handle: (_request, response) => sendJson(response, ctx.journal.entries()),
    },
    {
      method: 'GET',
      path: /^\/journal\/?$/,
      handle: (_request, response) => sendHtml(response, renderJournalPage(ctx.journal.entries())),
    },
  ];
}

/**
 * `GET /`: what this server is, its base URL and where the journal is (for a person who opens
 * the printed URL in a browser).
 *
 * @example
 * ```ts
 * const routes = [homeRoute(ctx), ...journalRoutes(ctx)];
 * ```
 */
export function homeRoute(ctx: Pick<EmulatorContext, 'baseUrl'>): Route {
  return {
    method: 'GET',
    path: /^\/$/,
    handle: (_request, response) =>
      sendHtml(
        response,
        `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>QENTA emulator</title></head>
<body style="font:14px system-ui,sans-serif;margin:1.5rem"><h1>QENTA emulator</h1>
<p>A local QENTA Checkout Server (QMORE Checkout Seamless). Gateway base URL:
<code>${escapeHtml(ctx.baseUrl)}</code> (alias <code>/qmore</code>).</p>
<p><a href="/journal">Journal</a> · <a href="/journal/payments">Payments</a> · <a href="/journal.json">Journal as JSON</a></p>
<p>Demo account: customerId <code>D200001</code>, shopId <code>qmore</code>.</p></body></html>`,
      ),
  };
}

/**
 * The journal page's HTML: one row per entry, newest first, details escaped.
 *
 * @example
 * ```ts
 * const html = renderJournalPage(journal.entries());
 * ```
 */
export function renderJournalPage(entries: readonly JournalEntry[]): string {
  const rows = entries
    .map(
      (entry) =>
        `<tr class="kind-${escapeHtml(entry.kind)}"><td>${entry.id}</td><td><time datetime="${new Date(entry.at).toISOString()}">${new Date(entry.at).toISOString().replace('T', ' ').slice(0, 19)}</time></td><td>${escapeHtml(entry.kind)}</td><td>${escapeHtml(entry.summary)}</td><td><code>${escapeHtml(JSON.stringify(entry.details))}</code></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>QENTA emulator journal</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:14px system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
code{font-size:12px;word-break:break-all}.kind-confirm td:nth-child(3){color:#8a4b00}</style></head>
<body><h1>QENTA emulator journal</h1><p>${entries.length} entries, newest first. <a href="/journal/payments">Payments</a> · <a href="/journal.json">JSON</a></p>
<table><thead><tr><th>#</th><th>Time (UTC)</th><th>Kind</th><th>What</th><th>Details</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>`;
}

/**
 * The payments page: one row per payment session seen in the journal, newest first, with
 * "resolve" buttons for a PENDING one (they post to the browser side's resolve route).
 *
 * @example
 * ```ts
 * const html = renderPaymentsPage(journal.entries(), (id) => payments.get(id));
 * ```
 */
export function renderPaymentsPage(
  entries: readonly JournalEntry[],
  lookup: (sessionId: string) => SessionView | undefined,
): string {
  const ids = new Set<string>();
  for (const entry of entries) {
    const id = entry.details.sessionId;
    if (entry.kind === 'payment' && typeof id === 'string') ids.add(id);
  }
  const rows = [...ids]
    .map((id) => {
      const session = lookup(id);
      if (session === undefined) return '';
      const request = session.request;
      const pending = session.stage === 'pending';
      const actions = pending
        ? (['SUCCESS', 'FAILURE'] as const)
            .map(
              (state) =>
                `<form method="post" action="/journal/payments/${escapeHtml(id)}/resolve"><input type="hidden" name="state" value="${state}"><button type="submit">Resolve ${state}</button></form>`,
            )
            .join('')
        : '';
      return `<tr><td>${escapeHtml(session.orderNumber)}</td><td>${escapeHtml(request.paymentType ?? '')}</td><td>${escapeHtml(`${request.amount ?? ''} ${request.currency ?? ''}`)}</td><td>${escapeHtml(session.state ?? session.stage ?? '')}</td><td>${actions}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>QENTA emulator payments</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:14px system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left}form{display:inline;margin-right:.5rem}</style></head>
<body><h1>Payments</h1><p><a href="/journal">Journal</a></p>
<table><thead><tr><th>Order</th><th>Type</th><th>Amount</th><th>State</th><th>Actions</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>`;
}

function sendJson(response: ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

function sendHtml(response: ServerResponse, body: string): void {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  });
  response.end(body);
}
