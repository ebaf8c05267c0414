import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_ACCOUNT } from '../server/config.ts';
import { type ShopServer, startShopServer } from '../server/server.ts';
import { freshDatabase, type TestDatabase } from './database.ts';
import { shopper } from './shopper.ts';

let database: TestDatabase;
let shop: ShopServer;

before(async () => {
  database = await freshDatabase('api');
  shop = await startShopServer({
    ...database,
    // A gateway that is down: nothing listens on port 9.
    gateway: { mode: 'emulator', ...DEMO_ACCOUNT, baseUrl: 'http://127.0.0.1:9/seamless' },
    log: () => {},
  });
});
after(async () => {
  await shop.close();
  await database.drop();
});

describe('checkout API', () => {
  it('writes the order before starting the payment and keeps it when the gateway is down', async () => {
    const call = shopper(shop.url);
    await call('/api/cart', 'PUT', { items: { mug: 2 } });
    assert.equal(
      (await call('/api/checkout/payment', 'POST', { paymentType: 'PAYPAL' })).status,
      200,
    );
    const started = await call('/api/checkout/start', 'POST', {});
    assert.equal(started.status, 502);
    assert.equal(started.body.error, 'NETWORK_ERROR');
    const [order] = await shop.db.listOrders();
    assert.equal(order?.status, 'failed');
    assert.equal(order?.amountCents, 3600 + 490);
    const cart = await call('/api/cart');
    assert.deepEqual(
      (cart.body.lines as { productId: string; quantity: number }[]).map((line) => [
        line.productId,
        line.quantity,
      ]),
      [['mug', 2]],
      'the items are back in the cart',
    );
  });

  it('refuses to start without items, and a card payment without a data storage', async () => {
    const call = shopper(shop.url);
    assert.equal((await call('/api/checkout/start', 'POST', {})).body.error, 'EMPTY_CART');
    await call('/api/cart', 'PUT', { items: { mug: 1 } });
    const chosen = await call('/api/checkout/payment', 'POST', { paymentType: 'CCARD' });
    assert.equal(chosen.status, 409);
    assert.equal(chosen.body.error, 'NO_DATA_STORAGE');
  });

  it('answers a plain form post of the payment choice with a redirect', async () => {
    const response = await fetch(`${shop.url}/api/checkout/payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'paymentType=NOPE',
      redirect: 'manual',
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/checkout.html?error=UNKNOWN_PAYMENT_TYPE');
  });

  it('rejects an unknown discount code with a message', async () => {
    const call = shopper(shop.url);
    const answer = await call('/api/checkout/discount', 'POST', { code: 'free-coffee' });
    assert.equal(answer.status, 422);
    assert.match(String(answer.body.message), /FREE-COFFEE/);
  });

  it('answers unknown API paths 404 and wrong methods 405 as JSON', async () => {
    assert.equal((await shopper(shop.url)('/api/nope')).status, 404);
    assert.equal((await shopper(shop.url)('/api/orders', 'DELETE')).status, 405);
  });
});
