/**
 * The documented limits of a GET request (qenta-protocol §10: at most 1024 parameters, names of
 * at most 64 characters, values of at most 2048), applied to the query of every GET the emulator
 * serves, as the POST limits are applied to bodies. The router answers a GET beyond them before
 * any route sees it.
 */
import { GET_LIMITS } from '@qenta-seamless/server-helpers/protocol';

/**
 * True when a request URL's query breaks {@link GET_LIMITS}. One pass over the parsed query;
 * stops at the first excess.
 *
 * @example
 * ```ts
 * exceedsGetLimits(new URL('http://127.0.0.1/x?SID=abc')); // false
 * ```
 */
export function exceedsGetLimits(url: URL): boolean {
  let count = 0;
  for (const [name, value] of url.searchParams) {
    if (++count > GET_LIMITS.maxParameters) return true;
    if (name.length > GET_LIMITS.maxNameLength || value.length > GET_LIMITS.maxValueLength) {
      return true;
    }
  }
  return false;
}
