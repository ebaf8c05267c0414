/**
 * What the shop keeps of a confirmation body. Anyone can post to the confirm endpoint, so what
 * nobody signed is kept only up to a small budget: twenty junk bodies of 1 MiB must not add
 * 20 MiB to the database and the orders page (issue 10). Signed fields of a verified
 * confirmation are the gateway's record of the payment and are kept whole.
 */

/** Characters of unsigned field names and values kept per confirmation (4 KiB). */
export const UNSIGNED_FIELDS_BUDGET = 4096;

/** Longest field name the protocol allows (qenta-protocol §1, request limits). */
const MAX_NAME = 64;

/** The fields kept of one body. */
export interface StoredFields {
  /** First value of each name, fingerprint left out; unsigned ones clipped to the budget. */
  fields: Record<string, string>;
  /** True when something of the body was cut or left out. */
  clipped: boolean;
  /** Size of the body as received, in bytes. */
  bodyBytes: number;
}

function decode(text: string): string {
  const spaced = text.includes('+') ? text.split('+').join(' ') : text;
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Broken percent-encoding: kept as received, it is evidence.
    return spaced;
  }
}

/** Decodes at most `budget` characters of a raw value, without decoding the rest of it. */
function clip(rawValue: string, budget: number): { text: string; cut: boolean } {
  // A decoded character takes at most 12 raw ones (a 4-byte UTF-8 sequence, percent-escaped).
  let end = Math.min(rawValue.length, budget * 12);
  // Never end inside a percent-escape.
  const lastPercent = rawValue.lastIndexOf('%', end - 1);
  if (end < rawValue.length && lastPercent > end - 3) end = lastPercent;
  const decoded = decode(rawValue.slice(0, end));
  return {
    text: decoded.slice(0, budget),
    cut: end < rawValue.length || decoded.length > budget,
  };
}

/**
 * Calls `visit` with each `name=value` pair of a form body, raw (not decoded), until it returns
 * false. One pass over the body, whatever it contains: every search is bounded by the next `&`.
 *
 * @example
 * ```ts
 * scanForm('a=1&b=2', (name, value) => name !== 'a');
 * ```
 */
export function scanForm(body: string, visit: (name: string, value: string) => boolean): void {
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('&', start);
    if (end === -1) end = body.length;
    if (end > start) {
      const pair = body.slice(start, end);
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      const value = equals === -1 ? '' : pair.slice(equals + 1);
      if (!visit(name, value)) return;
    }
    start = end + 1;
  }
}

/**
 * The first value of `name` in a form body, decoded; `undefined` when absent.
 *
 * @example
 * ```ts
 * formValue('shopOrderId=SO-1&x=2', 'shopOrderId'); // 'SO-1'
 * ```
 */
export function formValue(body: string, name: string): string | undefined {
  let found: string | undefined;
  scanForm(body, (rawName, rawValue) => {
    if (rawName.length > MAX_NAME * 3 || decode(rawName) !== name) return true;
    found = decode(rawValue);
    return false;
  });
  return found;
}

/**
 * The fields to store of a confirmation body.
 *
 * @example
 * ```ts
 * storedFields(rawBody, { signed: new Set(Object.keys(confirmation.fields)) });
 * ```
 */
export function storedFields(
  rawBody: string,
  options: { signed?: ReadonlySet<string> } = {},
): StoredFields {
  const signed = options.signed ?? new Set<string>();
  const fields = new Map<string, string>();
  let budget = UNSIGNED_FIELDS_BUDGET;
  let clipped = false;
  scanForm(rawBody, (rawName, rawValue) => {
    const name = decode(rawName.length > MAX_NAME * 3 ? rawName.slice(0, MAX_NAME * 3) : rawName);
    if (name === 'responseFingerprint') return true;
    if (fields.has(name)) {
      // A repeated name: only its first value is kept, but it still spends budget, so a body
      // of one name repeated a million times is not read to its end.
      clipped = true;
      budget -= name.length + Math.min(rawValue.length, budget);
      return budget > 0 || signed.size > 0;
    }
    if (signed.has(name)) {
      fields.set(name, decode(rawValue));
      return true;
    }
    if (budget <= 0) {
      clipped = true;
      // Without signed fields to look for, the rest of the body has nothing to keep.
      return signed.size > 0;
    }
    const shortName = name.slice(0, MAX_NAME);
    if (fields.has(shortName)) {
      clipped = true;
      return true;
    }
    const { text: value, cut } = clip(rawValue, Math.max(budget - shortName.length, 0));
    if (cut || shortName !== name) clipped = true;
    fields.set(shortName, value);
    budget -= shortName.length + value.length;
    return true;
  });
  return { fields: Object.fromEntries(fields), clipped, bodyBytes: Buffer.byteLength(rawBody) };
}
