/**
 * The gateway's `consumerMessage` may contain HTML entities such as `&#252;` (qenta-protocol
 * §4.2, §11.15). They are decoded to plain text here, and the element renders the result as text,
 * never as HTML, so a message can not inject markup.
 */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * Decodes numeric (`&#252;`, `&#xFC;`) and the basic named entities to text; unknown entities and
 * invalid code points are left as they are.
 *
 * @example
 * ```ts
 * decodeEntities('PAYMENTTYPE ist ung&#252;ltig.'); // 'PAYMENTTYPE ist ungültig.'
 * ```
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body] ?? whole;
    const code =
      body[1] === 'x' || body[1] === 'X'
        ? Number.parseInt(body.slice(2), 16)
        : Number(body.slice(1));
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
      ? String.fromCodePoint(code)
      : whole;
  });
}
