/**
 * Shared shapes and statistics of the bench. Timings drift on a shared machine, so every timing
 * is a median and, where a budget applies, a ratio against a baseline taken in the same run.
 */

/** One line of the table and of `results.json`. */
export interface Figure {
  /** Stable key, e.g. `size.withLit.brotli`. */
  key: string;
  /** What the line says, for people. */
  label: string;
  value: number;
  unit: string;
  /** Extra numbers behind the value (baselines, counts). */
  detail?: Record<string, number | string | boolean>;
  /** The budget, when the issue sets one. */
  budget?: { op: '<=' | '>='; limit: number };
}

/**
 * Median of a list of numbers (NaN for an empty list).
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Whether a figure keeps its budget (true when it has none).
 *
 * @example
 * ```ts
 * withinBudget({ key: 'k', label: 'l', value: 0.9, unit: 'x', budget: { op: '>=', limit: 0.8 } }); // true
 * ```
 */
export function withinBudget(figure: Figure): boolean {
  if (!figure.budget) return true;
  return figure.budget.op === '<='
    ? figure.value <= figure.budget.limit
    : figure.value >= figure.budget.limit;
}

/**
 * Rounds for display and JSON: 3 significant decimals for small numbers, integers for large.
 *
 * @example
 * ```ts
 * round(0.123456); // 0.123
 * ```
 */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
}
