/**
 * The URLs a shop hands the gateway (successUrl, cancelUrl, failureUrl, pendingUrl, serviceUrl,
 * confirmUrl at frontend init, qenta-protocol §3.3; returnUrl and iframeCssUrl at data storage
 * init, §3.1). The emulator later puts them into a `Location` header, a link or a fetch, so it
 * takes only what can go there unchanged: an absolute http(s) URL written in printable ASCII.
 * `URL.canParse` alone forgives CR/LF, tabs, spaces and raw non-ASCII (it strips or encodes
 * them), and such a string in `Location` makes Node answer 500 (issue 10).
 */
import { isHttpUrl } from '@qenta-seamless/server-helpers/protocol';

/**
 * Longest URL kept. The docs give none for these URLs except serviceUrl (≤ 255, §10); 2048 is
 * the GET value limit of §10, and the consumer's browser reaches these URLs by GET. It also keeps
 * a payment session small (issue 10: what a session keeps must be bounded).
 */
export const MAX_SHOP_URL_LENGTH = 2048;

/** What {@link checkShopUrl} found: fine, too long (15xxx), or not a usable URL (18xxx). */
export type ShopUrlVerdict = 'ok' | 'length' | 'invalid';

// Printable ASCII only: no controls (CR, LF, TAB, NUL), no space, no DEL, no raw non-ASCII.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * Checks a shop URL before it is kept.
 *
 * @example
 * ```ts
 * checkShopUrl('https://shop.example/ok'); // 'ok'
 * checkShopUrl('https://shop.example/ok\r\nSet-Cookie: a=b'); // 'invalid'
 * ```
 */
export function checkShopUrl(value: string): ShopUrlVerdict {
  if (value.length > MAX_SHOP_URL_LENGTH) return 'length';
  return isShopUrl(value) ? 'ok' : 'invalid';
}

/**
 * True for an absolute http(s) URL in printable ASCII (see the file comment).
 *
 * @example
 * ```ts
 * isShopUrl('https://shop.example/return'); // true
 * isShopUrl('https://shop.example/r\u00fcck'); // false: raw non-ASCII, send it percent-encoded
 * ```
 */
function isShopUrl(value: string): boolean {
  return PRINTABLE_ASCII.test(value) && isHttpUrl(value);
}
