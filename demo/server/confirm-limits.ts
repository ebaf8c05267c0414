/**
 * The protocol's POST limits applied to a confirmation body before anything else reads it. A
 * body the gateway could never send (more than 12 000 parameters, a name over 64 characters, a
 * value over 65 000, qenta-protocol §10) is refused after one pass over it, so junk costs time
 * linear in its size and little memory, whatever it contains.
 */
import { POST_LIMITS } from '@qenta-seamless/server-helpers/protocol';
import { scanForm } from './stored-fields.ts';

/** Why a body breaks the limits, as stored with the rejected confirmation. */
export const LIMITS_EXCEEDED = 'POST_LIMITS_EXCEEDED';

function decodedLength(raw: string): number {
  try {
    return decodeURIComponent(raw.split('+').join(' ')).length;
  } catch {
    return raw.length;
  }
}

/**
 * True when the body breaks one of the protocol's POST limits.
 *
 * @example
 * ```ts
 * exceedsPostLimits('a&'.repeat(20000)); // true: 20 000 parameters
 * ```
 */
export function exceedsPostLimits(rawBody: string): boolean {
  let count = 0;
  let exceeded = false;
  scanForm(rawBody, (name, value) => {
    count += 1;
    // Raw lengths first: a decoded text is never longer than its encoding.
    exceeded =
      count > POST_LIMITS.maxParameters ||
      (name.length > POST_LIMITS.maxNameLength &&
        decodedLength(name) > POST_LIMITS.maxNameLength) ||
      (value.length > POST_LIMITS.maxValueLength &&
        decodedLength(value) > POST_LIMITS.maxValueLength);
    return !exceeded;
  });
  return exceeded;
}
