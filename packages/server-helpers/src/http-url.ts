/**
 * What makes a string a URL the gateway can use as given: the shop's return, redirect and
 * confirm URLs end up in `Location` headers, links and fetches (qenta-protocol §3.1, §3.3). The
 * client refuses them before sending, the emulator on receipt.
 */

/**
 * True for an absolute `http:` or `https:` URL with a host, as `URL` parses it (which forgives
 * CR, LF, tabs, spaces and raw non-ASCII: check the characters too).
 *
 * @example
 * ```ts
 * isHttpUrl('https://shop.example/return'); // true
 * isHttpUrl('ftp://shop.example/'); // false
 * ```
 */
export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
}

/**
 * True when a string holds only the characters RFC 3986 §2 allows in a URI: printable ASCII
 * without space and without `"`, `<`, `>`, `\`, `^`, backtick, `{`, `|`, `}`.
 *
 * @example
 * ```ts
 * hasOnlyUriCharacters('https://shop.example/r%C3%BCck'); // true
 * hasOnlyUriCharacters('https://shop.example/r\u00fcck'); // false
 * ```
 */
export function hasOnlyUriCharacters(value: string): boolean {
  return /^[!#-;=?-[\]_a-z~]*$/.test(value);
}
