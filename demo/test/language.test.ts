import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '@qenta-seamless/emulator';
import type { ShopServer } from '../server/server.ts';
import { type EmulatedShop, startEmulatedShop } from './emulated-shop.ts';
import { shopper } from './shopper.ts';

let running: EmulatedShop;
let emulator: Emulator;
let shop: ShopServer;

before(async () => {
  running = await startEmulatedShop('language');
  ({ emulator, shop } = running);
});
after(() => running.close());

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
