/**
 * The printed table: one line per figure, with the budget verdict where the issue sets one.
 */
import { type Figure, round, withinBudget } from './stats.ts';

function describe(detail: Figure['detail']): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(([name, value]) => `${name}=${typeof value === 'number' ? round(value) : value}`)
    .join(' ');
}

/**
 * Formats figures as a fixed-width text table.
 *
 * @example
 * ```ts
 * console.log(formatTable(figures));
 * ```
 */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => [
    figure.label,
    `${round(figure.value)} ${figure.unit}`,
    figure.budget
      ? `${figure.budget.op} ${figure.budget.limit} ${withinBudget(figure) ? 'ok' : 'MISSED'}`
      : '-',
    describe(figure.detail),
  ]);
  const header = ['figure', 'value', 'budget', 'detail'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 3 ? cell : cell.padEnd(widths[column] as number)))
      .join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
