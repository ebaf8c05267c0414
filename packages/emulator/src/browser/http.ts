/**
 * Small HTTP helpers of the browser side: sending text with extra headers, origins. Body reading
 * and HTML escaping are the emulator's shared ones in `../http.ts`.
 */
import type { ServerResponse } from 'node:http';

/**
 * Sends a complete answer.
 *
 * @example
 * ```ts
 * send(response, 200, 'text/css; charset=utf-8', css);
 * ```
 */
export function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  response.end(body);
}

/**
 * The origin of a URL, or `undefined` when it is not an http(s) URL.
 *
 * @example
 * ```ts
 * originOf('https://shop.example/return?x=1'); // 'https://shop.example'
 * ```
 */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.origin;
  } catch {
    return undefined;
  }
}
