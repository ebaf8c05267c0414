/**
 * Keeping the secret, the backend password and request fingerprints out of error texts (design.md,
 * "Decisions"; issue 10 item 8). A gateway, proxy or `fetch` implementation that quotes the
 * request may quote it raw, URL-encoded or form-encoded, so each sensitive value is masked in
 * every one of those renderings, not only literally.
 */

/**
 * What a masked value is replaced with.
 *
 * @example
 * ```ts
 * createMasker(['jcv45z'])('password=jcv45z'); // `password=${MASK}`
 * ```
 */
export const MASK = '[redacted]';

// Hex runs this long are fingerprints (128) or halves of one; a storageId (32) stays readable.
const FINGERPRINT_LIKE = /[0-9a-fA-F]{64,}/g;

// Shorter values would mask ordinary words in every message; the password and secret of a
// merchant account are longer than this.
const MIN_MASKED_LENGTH = 4;

/**
 * Replaces every rendering of the given values, and anything fingerprint-like, in a text.
 *
 * @example
 * ```ts
 * const mask: Masker = createMasker([secret, password]);
 * ```
 */
export type Masker = (text: string) => string;

/**
 * Builds a {@link Masker} for a set of sensitive values: each is masked raw, as
 * `encodeURIComponent` writes it, form-encoded (`URLSearchParams`: `+` for space, `*` kept), with
 * `%20` or `+` for spaces, and with upper- or lower-case percent escapes.
 *
 * @example
 * ```ts
 * const mask = createMasker(['p@ss word']);
 * mask('body: password=p%40ss+word&x=1'); // 'body: password=[redacted]&x=1'
 * ```
 */
export function createMasker(values: readonly (string | undefined)[]): Masker {
  const renderings = new Set<string>();
  for (const value of values) {
    if (value === undefined || value.length < MIN_MASKED_LENGTH) continue;
    for (const rendering of renderingsOf(value)) renderings.add(rendering);
  }
  // Longest first, so a rendering that contains another is masked whole.
  const ordered = [...renderings].sort((a, b) => b.length - a.length);
  return (text) => {
    let masked = text;
    for (const rendering of ordered) {
      if (masked.includes(rendering)) masked = masked.replaceAll(rendering, MASK);
    }
    return masked.replace(FINGERPRINT_LIKE, MASK);
  };
}

function renderingsOf(value: string): string[] {
  const uri = safeEncode(value);
  const form = new URLSearchParams({ v: value }).toString().slice(2);
  const encoded = [uri, uri.replaceAll('%20', '+'), form, form.replaceAll('+', '%20')];
  const lowerEscapes = encoded.map((text) =>
    text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
  );
  return [value, ...encoded, ...lowerEscapes];
}

// encodeURIComponent throws on a lone surrogate; such a value has no URI rendering to mask.
function safeEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Rebuilds an error's `cause` chain with every message masked, keeping only what helps diagnose a
 * failure (name, message, a string `code` such as `ECONNREFUSED`) and dropping the rest: a fetch
 * error may carry the request, and the request carries the password and the fingerprint.
 *
 * @example
 * ```ts
 * new QentaError('NETWORK_ERROR', 'unreachable', { cause: sanitizeCause(error, mask) });
 * ```
 */
export function sanitizeCause(error: unknown, mask: Masker, depth = 4): Error | undefined {
  if (!(error instanceof Error) || depth <= 0) return undefined;
  let message: string;
  try {
    message = mask(String(error.message));
  } catch {
    message = '';
  }
  const inner = sanitizeCause(error.cause, mask, depth - 1);
  const copy = new Error(message, inner === undefined ? undefined : { cause: inner });
  copy.name = mask(String(error.name));
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code: mask(code) });
  // The stack would name this function; the original's stack may quote the message.
  copy.stack = `${copy.name}: ${message}`;
  return copy;
}
