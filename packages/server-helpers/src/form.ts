/**
 * The wire format of every QENTA request and answer: `application/x-www-form-urlencoded`
 * (qenta-protocol §4.1). Encoding percent-encodes everything but unreserved characters (so `&`,
 * `=` and `,` never appear raw in a value, which the official PHP parser would split on) and
 * writes spaces as `+`. Decoding accepts `+` and `%20` alike and never throws.
 */

/** A flat form: wire name → value. */
export type FormFields = Record<string, string>;

/**
 * Encodes fields as a form body. Fields whose value is `undefined` are left out.
 *
 * @example
 * ```ts
 * encodeForm({ customerId: 'D200001', returnUrl: 'https://shop.example/ret?a=1' });
 * // 'customerId=D200001&returnUrl=https%3A%2F%2Fshop.example%2Fret%3Fa%3D1'
 * ```
 */
export function encodeForm(fields: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) params.append(name, value);
  }
  return params.toString();
}

/** What {@link decodeForm} found in a body. */
export interface DecodedForm {
  /** Every field; for a repeated name, the last value. */
  fields: FormFields;
  /** Names that occurred more than once (a signed body must not have any). */
  duplicateKeys: string[];
  /** Number of `name=value` pairs in the body (for the parameter-count limit). */
  count: number;
}

/**
 * Decodes a form body. Malformed percent escapes are kept as they are rather than rejected,
 * like the gateway's own lenient parser. The result is an ordinary object built with
 * `Object.fromEntries`, so a field named `__proto__` is data, not a prototype.
 *
 * @example
 * ```ts
 * decodeForm('storageId=ab12&errors=0').fields; // { storageId: 'ab12', errors: '0' }
 * ```
 */
export function decodeForm(body: string): DecodedForm {
  const entries: [string, string][] = [];
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
    if (seen.has(name)) duplicates.add(name);
    seen.add(name);
    entries.push([name, value]);
  }
  return {
    fields: Object.fromEntries(entries),
    duplicateKeys: [...duplicates],
    count: entries.length,
  };
}

/**
 * The first value of each of `names` in a form body, decoded as leniently as {@link decodeForm},
 * without building the whole form: for reading a few claims from a body that was refused, at a
 * cost linear in the body and no memory beyond one pair at a time.
 *
 * @example
 * ```ts
 * findFormFields('a=1&orderNumber=5&b', ['orderNumber']); // Map { 'orderNumber' => '5' }
 * ```
 */
export function findFormFields(body: string, names: readonly string[]): Map<string, string> {
  const wanted = new Set(names);
  const found = new Map<string, string>();
  let start = 0;
  while (start < body.length && found.size < wanted.size) {
    const amp = body.indexOf('&', start);
    const end = amp === -1 ? body.length : amp;
    const pair = body.slice(start, end);
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    if (wanted.has(name) && !found.has(name)) {
      found.set(name, eq === -1 ? '' : decodeComponent(pair.slice(eq + 1)));
    }
    start = end + 1;
  }
  return found;
}

function decodeComponent(raw: string): string {
  // Not replaceAll: V8 builds its result from one rope node per replacement (70 MiB for 1 MiB of
  // `+`); split and join build one flat string.
  const spaced = raw.indexOf('+') === -1 ? raw : raw.split('+').join(' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * Reads one field of a decoded form; `undefined` when absent. Use this instead of `fields[name]`,
 * which would find `Object.prototype` members for names such as `constructor`.
 *
 * @example
 * ```ts
 * fieldValue(fields, 'storageId'); // 'ab12' or undefined
 * ```
 */
export function fieldValue(fields: Readonly<FormFields>, name: string): string | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

/**
 * Collects the records of an indexed group such as `error.{i}.*` or `payment.1.{p}.*` into an
 * array, 1-based wire indices becoming 0-based positions, ordered by index. Keys deeper than one
 * level below the index are kept with their dotted rest (`payment.1.1.state` under prefix
 * `payment` gives `{ '1.state': … }` at position 0).
 *
 * @example
 * ```ts
 * indexedRecords({ 'error.1.errorCode': '11017', 'error.1.message': 'Amount is missing.' }, 'error');
 * // [{ errorCode: '11017', message: 'Amount is missing.' }]
 * ```
 */
export function indexedRecords(fields: Readonly<FormFields>, prefix: string): FormFields[] {
  const start = `${prefix}.`;
  const byIndex = new Map<number, [string, string][]>();
  for (const [name, value] of Object.entries(fields)) {
    if (!name.startsWith(start)) continue;
    const rest = name.slice(start.length);
    const dot = rest.indexOf('.');
    if (dot <= 0) continue;
    const index = Number(rest.slice(0, dot));
    if (!Number.isInteger(index) || index < 1) continue;
    const entries = byIndex.get(index) ?? [];
    entries.push([rest.slice(dot + 1), value]);
    byIndex.set(index, entries);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, entries]) => Object.fromEntries(entries));
}

/**
 * Flattens indexed records back to wire fields: the inverse of {@link indexedRecords}.
 *
 * @example
 * ```ts
 * indexedFields('paymentInformation', [{ paymentType: 'CCARD' }]);
 * // { 'paymentInformation.1.paymentType': 'CCARD' }
 * ```
 */
export function indexedFields(
  prefix: string,
  records: readonly Readonly<Record<string, string | undefined>>[],
): FormFields {
  const fields: FormFields = {};
  records.forEach((record, position) => {
    for (const [name, value] of Object.entries(record)) {
      if (value !== undefined) fields[`${prefix}.${position + 1}.${name}`] = value;
    }
  });
  return fields;
}
