/**
 * A shopper and an owner driven over plain HTTP (no browser): fill the cart, choose PayPal (no
 * data storage), start the payment and press an outcome on the emulator's payment page with the
 * same form post its button sends. For tests that need many real payments quickly.
 */
import assert from 'node:assert/strict';

/** A caller that keeps the session cookie like a browser does. */
export function shopper(shopUrl: string) {
  let cookie = '';
  return async (path: string, method = 'GET', body?: unknown) => {
    const response = await fetch(`${shopUrl}${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
}

/**
 * Places an order through the shop's API and starts its payment; returns the shop order id and
 * the gateway's payment page.
 *
 * @example
 * ```ts
 * const { orderId, redirectUrl } = await startCheckout(shop.url);
 * ```
 */
export async function startCheckout(
  shopUrl: string,
  items: Record<string, number> = { mug: 1 },
): Promise<{ orderId: string; redirectUrl: string }> {
  const call = shopper(shopUrl);
  assert.equal((await call('/api/cart', 'PUT', { items })).status, 200);
  assert.equal(
    (await call('/api/checkout/payment', 'POST', { paymentType: 'PAYPAL' })).status,
    200,
  );
  const started = await call('/api/checkout/start', 'POST', {});
  assert.equal(started.status, 200, JSON.stringify(started.body));
  return { orderId: String(started.body.orderId), redirectUrl: String(started.body.redirectUrl) };
}

/**
 * Presses an outcome button on the emulator's payment page; the emulator delivers the confirm
 * before it answers with the redirect back to the shop.
 *
 * @example
 * ```ts
 * await chooseOutcome(redirectUrl, 'SUCCESS');
 * ```
 */
export async function chooseOutcome(redirectUrl: string, outcome: string): Promise<string> {
  const response = await fetch(redirectUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ step: 'outcome', outcome }).toString(),
    redirect: 'manual',
  });
  assert.equal(response.status, 303, `the payment page answers a redirect, not ${response.status}`);
  return response.headers.get('location') ?? '';
}
