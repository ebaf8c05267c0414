import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEmulator, type Emulator } from '@qenta-seamless/emulator';
import { DEMO_ACCOUNT } from '../server/config.ts';
import { type ShopServer, startShopServer } from '../server/server.ts';
import { freshDatabase, type TestDatabase } from './database.ts';
import { shopper } from './shopper.ts';

let database: TestDatabase;
let emulator: Emulator;
let shop: ShopServer;

before(async () => {
  database = await freshDatabase('language');
  emulator = await createEmulator();
  shop = await startShopServer({
    ...database,
    gateway: { mode: 'emulator', ...DEMO_ACCOUNT, baseUrl: emulator.baseUrl },
    log: () => {},
  });
});
after(async () => {
  await shop.close();
  await emulator.close();
  await database.drop();
});

/**
 * The element's init request with `language`, then a PayPal payment started in the same
 * session; answers the storage's language and the payment page's `<html lang>`.
 */
async function checkoutIn(language: unknown) {
  const call = shopper(shop.url);
  await call('/api/cart', 'PUT', { items: { mug: 1 } });
  const init = await call('/api/checkout/data-storage', 'POST', {
    paymentType: 'CCARD',
    mode: 'classic',
    ...(language === undefined ? {} : { language }),
  });
  assert.equal(init.status, 200, JSON.stringify(init.body));
  const storage = emulator.storages.access(String(init.body.storageId));
  await call('/api/checkout/payment', 'POST', { paymentType: 'PAYPAL' });
  const started = await call('/api/checkout/start', 'POST', {});
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const page = await (await fetch(String(started.body.redirectUrl))).text();
  return { storage: storage?.language, page: /<html lang="([^"]*)"/.exec(page)?.[1] };
}

describe('the shopper’s language reaches the gateway', () => {
  it('a German element gets a German data storage and a German payment page', async () => {
    assert.deepEqual(await checkoutIn('de'), { storage: 'de', page: 'de' });
  });

  it('a language the shop does not offer, or none, falls back to English', async () => {
    assert.deepEqual(await checkoutIn('fr'), { storage: 'en', page: 'en' });
    assert.deepEqual(await checkoutIn('DE<script>'), { storage: 'en', page: 'en' });
    assert.deepEqual(await checkoutIn(undefined), { storage: 'en', page: 'en' });
  });
});
