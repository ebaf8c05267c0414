/**
 * A map with two caps, entries and estimated bytes, that forgets its oldest entries first.
 * Data storages and payment sessions live in one each (qenta-protocol §10, §11.5–11.6): a flood
 * of inits can then never grow the emulator's memory past the caps, whatever the requests say.
 * A count alone does not bound memory when one entry may hold a request of ~1 MiB (issue 10),
 * so each entry is weighed too.
 */

/** Options of {@link CappedMap}. */
export interface CappedMapOptions<K, V> {
  /** Most entries kept. */
  maxEntries: number;
  /** Most estimated bytes kept (sum of `sizeOf`). */
  maxBytes: number;
  /** Estimated bytes of an entry (see {@link estimateBytes}). */
  sizeOf(value: V): number;
  /** Called for each entry dropped to make room (not for `delete`). */
  onEvict?(key: K, value: V): void;
}

/**
 * Insertion-ordered map with caps. `set` and `touch` make an entry the newest; room is made by
 * dropping the oldest (for storages that is the least recently used, since access touches).
 * An entry larger than `maxBytes` on its own still stays, alone: callers bound an entry's size
 * before they keep it.
 *
 * @example
 * ```ts
 * const sessions = new CappedMap<string, Session>({ maxEntries: 10_000, maxBytes: 64 << 20,
 *   sizeOf: (s) => estimateBytes(s.request), onEvict: (id) => cancelTimers(id) });
 * sessions.set(id, session);
 * ```
 */
export class CappedMap<K, V> {
  readonly #options: CappedMapOptions<K, V>;
  readonly #entries = new Map<K, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(options: CappedMapOptions<K, V>) {
    this.#options = {
      ...options,
      maxEntries: Math.max(1, options.maxEntries),
      maxBytes: Math.max(1, options.maxBytes),
    };
  }

  /** Entries kept. */
  get size(): number {
    return this.#entries.size;
  }

  /** Estimated bytes kept. */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key)?.value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** Keeps (or replaces, re-weighing) an entry as the newest, then drops the oldest past a cap. */
  set(key: K, value: V): void {
    this.delete(key);
    const bytes = this.#options.sizeOf(value);
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    this.#makeRoom(key);
  }

  /** Makes an entry the newest without re-weighing it. */
  touch(key: K): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
  }

  /** Weighs an entry again after it changed in place (keeps its position), then makes room. */
  reweigh(key: K): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    const bytes = this.#options.sizeOf(entry.value);
    this.#bytes += bytes - entry.bytes;
    entry.bytes = bytes;
    this.#makeRoom(key);
  }

  delete(key: K): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
    return true;
  }

  /** Values, oldest first. */
  values(): IterableIterator<V> {
    const entries = this.#entries.values();
    return (function* () {
      for (const entry of entries) yield entry.value;
    })();
  }

  #makeRoom(keep: K): void {
    const { maxEntries, maxBytes, onEvict } = this.#options;
    while (this.#entries.size > maxEntries || this.#bytes > maxBytes) {
      const oldest = this.#entries.entries().next();
      if (oldest.done || oldest.value[0] === keep) break;
      const [key, entry] = oldest.value;
      this.delete(key);
      onEvict?.(key, entry.value);
    }
  }
}

/**
 * Estimated heap bytes of string records: two bytes per UTF-16 unit of every name and value
 * (V8 may store Latin-1 in one, so this errs high) plus a fixed overhead per entry.
 *
 * @example
 * ```ts
 * estimateBytes({ amount: '12.50' }, undefined); // 2 * 11 + 256
 * ```
 */
export function estimateBytes(
  ...records: (
    | Readonly<Record<string, string>>
    | ReadonlyMap<string, Record<string, string>>
    | undefined
  )[]
): number {
  let units = 0;
  const add = (record: Readonly<Record<string, string>>) => {
    for (const [name, value] of Object.entries(record)) units += name.length + value.length;
  };
  for (const record of records) {
    if (record === undefined) continue;
    if (record instanceof Map) {
      for (const [name, value] of record) {
        units += name.length;
        add(value);
      }
    } else {
      add(record as Readonly<Record<string, string>>);
    }
  }
  return 2 * units + ENTRY_OVERHEAD_BYTES;
}

/** Object, map slots and small fields of one kept entry (a generous round figure). */
const ENTRY_OVERHEAD_BYTES = 256;
