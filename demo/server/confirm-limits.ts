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

/** Bytes a form-encoded text decodes to, counted without decoding it. */
function decodedBytes(raw: string): number {
  let escapes = 0;
  for (let at = raw.indexOf('%'); at !== -1; at = raw.indexOf('%', at + 1)) escapes += 1;
  return raw.length - 2 * escapes;
}

/** Whether a raw name or value decodes to more than `limit` characters. */
function longerThan(raw: string, limit: number): boolean {
  if (raw.length <= limit) return false;
  const bytes = decodedBytes(raw);
  // A character is 1 to 3 bytes (a surrogate pair: 4 bytes for 2), so only the middle needs a
  // real decode, and that is at most 3x the limit.
  if (bytes <= limit) return false;
  if (bytes > limit * 3) return true;
  try {
    return decodeURIComponent(raw.split('+').join(' ')).length > limit;
  } catch {
    return raw.length > limit;
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
    exceeded =
      count > POST_LIMITS.maxParameters ||
      longerThan(name, POST_LIMITS.maxNameLength) ||
      longerThan(value, POST_LIMITS.maxValueLength);
    return !exceeded;
  });
  return exceeded;
}
