/**
 * `GET /journal` (a page for people, newest first, like the gateway's Checkout Journal) and
 * `GET /journal.json` (the same entries for tests).
 */
import type { ServerResponse } from 'node:http';
import type { EmulatorContext, JournalEntry, Route } from './context.ts';

/**
 * The journal routes.
 *
 * @example
 * ```ts
 * const routes = [...journalRoutes(ctx)];
 * ```
 */
export function journalRoutes(ctx: Pick<EmulatorContext, 'journal'>): Route[] {
  return [
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
<body><h1>QENTA emulator journal</h1><p>${entries.length} entries, newest first. <a href="/journal.json">JSON</a></p>
<table><thead><tr><th>#</th><th>Time (UTC)</th><th>Kind</th><th>What</th><th>Details</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
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
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  response.end(body);
}
