/**
 * The HTML of the emulator's payment page: order summary, the 3-D Secure step, the outcome
 * choice. Plain forms (real POSTs), labels and headings, no script, styles from a served sheet.
 */
import { escapeHtml } from '../http.ts';
import { type PaymentPageStrings, paymentPageStrings } from './payment-page-strings.ts';
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
  const text = paymentPageStrings(session.request.language);
  let content: string;
  let title: string;
  switch (session.stage) {
    case 'authenticate':
      title = text.authenticateTitle;
      content = authenticateForm(input, text);
      break;
    case 'choose':
      title = text.chooseTitle;
      content = outcomeForm(input, text);
      break;
    default:
      title = text.finishedTitle;
      content = `<p>${escapeHtml(text.finished).replace('{0}', `<strong>${escapeHtml(session.state ?? '')}</strong>`)}</p>`;
  }
  const body = `${summary(session, text)}\n${content}`;
  return documentShell({ title, baseUrl: input.baseUrl, body, text, notice: input.notice });
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
  const body = `<p>${escapeHtml(message)}</p>`;
  return documentShell({ title, baseUrl, body, text: paymentPageStrings('en') });
}

interface Shell {
  title: string;
  baseUrl: string;
  body: string;
  text: PaymentPageStrings;
  notice?: string | undefined;
}

function documentShell({ title, baseUrl, body, text, notice }: Shell): string {
  return `<!doctype html>
<html lang="${text.lang}">
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
<p class="notice">${escapeHtml(text.notice)}</p>
${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''}
${body}
</main>
</body>
</html>
`;
}

function summary(session: LiveSession, text: PaymentPageStrings): string {
  const request = session.request;
  const info = session.paymentInformation ?? {};
  const rows: [string, string | undefined][] = [
    [
      text.merchant,
      `${session.merchant.customerId}${session.shopId ? ` / ${session.shopId}` : ''}`,
    ],
    [text.orderNumber, session.orderNumber],
    [text.amount, `${request.amount ?? ''} ${request.currency ?? ''}`],
    [text.description, request.orderDescription],
    [text.paymentType, request.paymentType],
    [
      text.card,
      info.maskedPan ? `${info.brand ?? ''} ${info.maskedPan} (${info.expiry ?? ''})` : undefined,
    ],
    [text.iban, info.bankAccountIban],
    [text.financialInstitution, request.financialInstitution],
  ];
  const items = rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1].trim() !== '')
    .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  return `<h2>${escapeHtml(text.summary)}</h2>\n<dl>\n${items}\n</dl>`;
}

function authenticateForm(input: PaymentPageInput, text: PaymentPageStrings): string {
  const hint = escapeHtml(text.authenticateHint).replace(
    '{0}',
    `<code>${THREE_D_SECURE_PASSWORD}</code>`,
  );
  return `<h2>${escapeHtml(text.authenticateHeading)}</h2>
<p>${hint}</p>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="SID" value="${escapeHtml(input.session.sessionId)}">
<input type="hidden" name="step" value="authenticate">
<label for="password">${escapeHtml(text.password)}</label>
<input id="password" name="password" type="password" autocomplete="off" required>
<p><button type="submit" class="primary">${escapeHtml(text.authenticate)}</button></p>
</form>`;
}

function outcomeForm(input: PaymentPageInput, text: PaymentPageStrings): string {
  const states = ['SUCCESS', 'CANCEL', 'FAILURE', 'PENDING'] as const;
  const buttons = states
    .map(
      (state) =>
        `<button type="submit" name="outcome" value="${state}"${state === 'SUCCESS' ? ' class="primary"' : ''}>${escapeHtml(text.outcomes[state])}</button>`,
    )
    .join('\n');
  return `<h2>${escapeHtml(text.chooseHeading)}</h2>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="SID" value="${escapeHtml(input.session.sessionId)}">
<input type="hidden" name="step" value="outcome">
<div class="outcomes" role="group" aria-label="${escapeHtml(text.outcomeGroup)}">
${buttons}
</div>
</form>`;
}
