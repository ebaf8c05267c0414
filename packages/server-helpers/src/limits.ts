import type { InputIssue } from './errors.ts';

/** The documented limits of a POST request (qenta-protocol §10), checked on both sides. */
export const POST_LIMITS = {
  maxNameLength: 64,
  maxValueLength: 65000,
  maxParameters: 12000,
} as const;

/** The documented limits of a GET request's query (qenta-protocol §10), checked on both sides. */
export const GET_LIMITS = {
  maxNameLength: 64,
  maxValueLength: 2048,
  maxParameters: 1024,
} as const;

/**
 * Lists every way a set of fields breaks {@link POST_LIMITS}; empty when none. Issues name the
 * field and the limit, never the value.
 *
 * @example
 * ```ts
 * if (postLimitIssues(fields).length > 0) throw new QentaError('LIMIT_EXCEEDED', '…');
 * ```
 */
export function postLimitIssues(
  fields: Readonly<Record<string, string | undefined>>,
  parameterCount?: number,
): InputIssue[] {
  const issues: InputIssue[] = [];
  const names = Object.keys(fields).filter((name) => fields[name] !== undefined);
  const count = parameterCount ?? names.length;
  if (count > POST_LIMITS.maxParameters) {
    issues.push({
      path: '',
      message: `${count} parameters; at most ${POST_LIMITS.maxParameters} are allowed`,
    });
  }
  for (const name of names) {
    if (name.length > POST_LIMITS.maxNameLength) {
      issues.push({
        path: name.slice(0, POST_LIMITS.maxNameLength),
        message: `parameter name is ${name.length} characters; at most ${POST_LIMITS.maxNameLength} are allowed`,
      });
    }
    const length = fields[name]?.length ?? 0;
    if (length > POST_LIMITS.maxValueLength) {
      issues.push({
        path: name,
        message: `value is ${length} characters; at most ${POST_LIMITS.maxValueLength} are allowed`,
      });
    }
  }
  return issues;
}
