/**
 * The HTML of the emulator's payment page: order summary, the 3-D Secure step, the outcome
 * choice. Plain forms (real POSTs), labels and headings, no script, styles from a served sheet.
 */
import { escapeHtml } from './http.ts';
import type { LiveSession } from './payments.ts';
import { THREE_D_SECURE_PASSWORD } from './test-cards.ts';

/** What the page needs. */
export interface PaymentPageInput {
  session: LiveSession;
  /** The page's own URL path (the form posts back to it). */
  action: string;
  /** e.g. `http://127.0.0.1:8899/seamless`. */
  baseUrl: string;
  /** A message to show above the form (e.g. a finished payment). */
  notice?: string;
}

/**
 * The page for the session's current stage.
 *
 * @example
 * ```ts
 * send(response, 200, 'text/html; charset=utf-8', paymentPage({ session, action, baseUrl }));
 * ```
 */
export function paymentPage(input: PaymentPageInput): string {
  const { session } = input;
  let content: string;
  let title: string;
  switch (session.stage) {
    case 'authenticate':
      title = '3-D Secure authentication';
      content = authenticateForm(input);
      break;
    case 'choose':
      title = 'Emulated payment';
      content = outcomeForm(input);
      break;
    default:
      title = 'Payment finished';
      content = `<p>This payment ended with <strong>${escapeHtml(session.state ?? '')}</strong>. You can close this page.</p>`;
  }
  return documentShell(title, input.baseUrl, `${summary(session)}\n${content}`, input.notice);
}

/**
 * A page shell for simple messages (unknown session and the like).
 *
 * @example
 * ```ts
 * messagePage('Unknown payment', baseUrl, 'This payment session does not exist.');
 * ```
 */
export function messagePage(title: string, baseUrl: string, message: string): string {
  return documentShell(title, baseUrl, `<p>${escapeHtml(message)}</p>`);
}

function documentShell(title: string, baseUrl: string, body: string, notice?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · QENTA emulator</title>
<link rel="stylesheet" href="${escapeHtml(`${baseUrl}/frontend/assets/payment.css`)}">
<link rel="icon" href="${escapeHtml(`${baseUrl}/frontend/assets/favicon.svg`)}">
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="notice">QENTA emulator: no real money moves.</p>
${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''}
${body}
</main>
</body>
</html>
`;
}

function summary(session: LiveSession): string {
  const request = session.request;
  const info = session.paymentInformation ?? {};
  const rows: [string, string | undefined][] = [
    ['Merchant', `${session.merchant.customerId}${session.shopId ? ` / ${session.shopId}` : ''}`],
    ['Order number', session.orderNumber],
    ['Amount', `${request.amount ?? ''} ${request.currency ?? ''}`],
    ['Description', request.orderDescription],
    ['Payment type', request.paymentType],
    [
      'Card',
      info.maskedPan ? `${info.brand ?? ''} ${info.maskedPan} (${info.expiry ?? ''})` : undefined,
    ],
    ['IBAN', info.bankAccountIban],
    ['Financial institution', request.financialInstitution],
  ];
  const items = rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1].trim() !== '')
    .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  return `<h2>Order summary</h2>\n<dl>\n${items}\n</dl>`;
}

function authenticateForm(input: PaymentPageInput): string {
  return `<h2>Authenticate with your card issuer</h2>
<p>This card is enrolled in 3-D Secure. Test password: <code>${THREE_D_SECURE_PASSWORD}</code> (any other password fails).</p>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="SID" value="${escapeHtml(input.session.sessionId)}">
<input type="hidden" name="step" value="authenticate">
<label for="password">3-D Secure password</label>
<input id="password" name="password" type="password" autocomplete="off" required>
<p><button type="submit" class="primary">Authenticate</button></p>
</form>`;
}

function outcomeForm(input: PaymentPageInput): string {
  const buttons = [
    ['SUCCESS', 'Success', 'primary'],
    ['CANCEL', 'Cancel', ''],
    ['FAILURE', 'Failure', ''],
    ['PENDING', 'Pending', ''],
  ]
    .map(
      ([value, label, className]) =>
        `<button type="submit" name="outcome" value="${value}"${className ? ` class="${className}"` : ''}>${label}</button>`,
    )
    .join('\n');
  return `<h2>Choose the outcome</h2>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="SID" value="${escapeHtml(input.session.sessionId)}">
<input type="hidden" name="step" value="outcome">
<div class="outcomes" role="group" aria-label="Payment outcome">
${buttons}
</div>
</form>`;
}

/**
 * The journal's payments page: every payment session with its stage, and for PENDING ones the
 * buttons that send the second confirm now (design.md: "triggered from the journal page").
 *
 * @example
 * ```ts
 * html(response, 200, paymentsPage(ctx.baseUrl, book.list()));
 * ```
 */
export function paymentsPage(baseUrl: string, sessions: readonly LiveSession[]): string {
  const rows = sessions
    .map((session) => {
      const resolve =
        session.stage === 'pending'
          ? ['SUCCESS', 'FAILURE']
              .map(
                (state) =>
                  `<form method="post" action="/journal/payments/${session.sessionId}/resolve"><input type="hidden" name="state" value="${state}"><button type="submit">Resolve as ${state}</button></form>`,
              )
              .join(' ')
          : '';
      const request = session.request;
      return `<tr><td>${escapeHtml(session.orderNumber)}</td><td>${escapeHtml(request.paymentType ?? '')}</td><td>${escapeHtml(`${request.amount ?? ''} ${request.currency ?? ''}`)}</td><td>${escapeHtml(session.state ?? session.stage)}</td><td>${resolve}</td></tr>`;
    })
    .join('\n');
  const table = `<p><a href="/journal">Back to the journal</a></p>
<table>
<caption>Payment sessions, newest first</caption>
<thead><tr><th scope="col">Order</th><th scope="col">Type</th><th scope="col">Amount</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return documentShell('Payments', baseUrl, table);
}
