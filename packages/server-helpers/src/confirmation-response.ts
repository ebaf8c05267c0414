/**
 * The shop's answer to a confirm POST (qenta-protocol §5.3): exact strings, note the space
 * before `/>`.
 */

/** What the shop tells the gateway about one confirmation. */
export type ConfirmationAnswer = { ok: true } | { ok: false; message: string };

/**
 * Builds the answer body the gateway expects from a `confirmUrl`.
 *
 * @example
 * ```ts
 * confirmationResponse({ ok: true }); // '<QPAY-CONFIRMATION-RESPONSE result="OK" />'
 * confirmationResponse({ ok: false, message: 'try again' });
 * // '<QPAY-CONFIRMATION-RESPONSE result="NOK" message="try again" />'
 * ```
 */
export function confirmationResponse(answer: ConfirmationAnswer): string {
  if (answer.ok) return '<QPAY-CONFIRMATION-RESPONSE result="OK" />';
  return `<QPAY-CONFIRMATION-RESPONSE result="NOK" message="${escapeAttribute(answer.message)}" />`;
}

/**
 * Reads a confirmation answer body, plain or wrapped in `<!-- -->`; `undefined` when the body is
 * not one (the gateway then treats the delivery as failed).
 *
 * @example
 * ```ts
 * parseConfirmationResponse('<!--<QPAY-CONFIRMATION-RESPONSE result="OK" />-->'); // { ok: true }
 * ```
 */
export function parseConfirmationResponse(body: string): ConfirmationAnswer | undefined {
  const match =
    /<QPAY-CONFIRMATION-RESPONSE\s+result="(OK|NOK)"(?:\s+message="([^"]*)")?\s*\/>/i.exec(body);
  if (!match) return undefined;
  if (match[1]?.toUpperCase() === 'OK') return { ok: true };
  return { ok: false, message: unescapeAttribute(match[2] ?? '') };
}

function escapeAttribute(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

function unescapeAttribute(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
