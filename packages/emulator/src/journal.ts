/**
 * The journal (like the gateway's Checkout Journal): every request, storage, payment, order and
 * confirm attempt, for people (`GET /journal`) and tests (`GET /journal.json`). Entries carry
 * summaries only, never card data, secrets, passwords or fingerprints; the oldest entries are
 * dropped past a cap so a long-running emulator keeps bounded memory.
 */
import type { Clock, Journal, JournalEntry } from './context.ts';

/** Default number of entries kept. */
export const DEFAULT_JOURNAL_SIZE = 5_000;

/** Longest string kept per detail or summary: request values are the sender's to choose. */
const MAX_TEXT = 256;

/** Detail keys that must never reach the journal, whatever a caller passes. */
const FORBIDDEN_KEYS = /secret|password|fingerprint$|^pan$|cardverifycode|cvc|iban$/i;

/**
 * Creates a journal on a clock; `entries()` returns the newest first.
 *
 * @example
 * ```ts
 * const journal = createJournal({ clock: systemClock() });
 * journal.record({ kind: 'order', summary: 'deposit 1234567', details: { amount: '10.00' } });
 * journal.entries()[0]?.summary; // 'deposit 1234567'
 * ```
 */
export function createJournal(options: { clock: Clock; maxEntries?: number }): Journal {
  const maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_JOURNAL_SIZE);
  const kept: JournalEntry[] = [];
  let nextId = 1;
  return {
    record(entry) {
      const recorded: JournalEntry = Object.freeze({
        id: nextId++,
        at: options.clock.now(),
        kind: entry.kind,
        summary: clip(entry.summary),
        details: Object.freeze(redact(entry.details)),
      });
      kept.push(recorded);
      if (kept.length > maxEntries) kept.splice(0, kept.length - maxEntries);
      return recorded;
    },
    entries: () => [...kept].reverse(),
  };
}

function redact(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    clean[key] = FORBIDDEN_KEYS.test(key)
      ? '[redacted]'
      : typeof value === 'string'
        ? clip(value)
        : value;
  }
  return clean;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}
