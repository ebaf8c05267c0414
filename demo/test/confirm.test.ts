import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signTestConfirmation } from '@qenta-seamless/server-helpers/testing';
import { DEMO_ACCOUNT } from '../server/config.ts';
import type { NewOrder } from '../server/db.ts';
import { type ShopServer, startShopServer } from '../server/server.ts';
import { freshDatabase, type TestDatabase } from './database.ts';

let database: TestDatabase;
const gateway = {
  mode: 'emulator' as const,
  ...DEMO_ACCOUNT,
  // Nothing in these tests calls the gateway; a closed port proves it.
  baseUrl: 'http://127.0.0.1:9/seamless',
};
let shop: ShopServer;

before(async () => {
  database = await freshDatabase('confirm');
  shop = await startShopServer({ ...database, gateway, log: () => {} });
});
after(async () => {
  await shop.close();
  await database.drop();
});

let counter = 0;
async function placeOrder(amountCents = 2290): Promise<string> {
  counter += 1;
  const id = `SO-TEST-${counter}`;
  const order: NewOrder = {
    id,
    orderIdent: `oi-test-${counter}`,
    storageId: undefined,
    paymentType: 'CCARD',
    anonymised: {},
    lines: [{ productId: 'mug', name: 'Stoneware mug', quantity: 1, unitCents: 1800, taxRate: 20 }],
    discountCode: undefined,
    discountCents: 0,
    shippingCents: 490,
    amountCents,
    currency: 'EUR',
  };
  await shop.db.createOrder(order);
  return id;
}

function signed(orderId: string, paymentState: string, extra: Record<string, string> = {}) {
  return signTestConfirmation(
    {
      amount: '22.90',
      currency: 'EUR',
      paymentType: 'CCARD',
      financialInstitution: 'MC',
      language: 'en',
      orderNumber: `9${counter}00`,
      paymentState,
      shopOrderId: orderId,
      ...extra,
    },
    { secret: DEMO_ACCOUNT.secret },
  );
}

async function post(body: string): Promise<string> {
  const response = await fetch(`${shop.url}/api/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  assert.equal(response.status, 200);
  return response.text();
}

const OK = '<QPAY-CONFIRMATION-RESPONSE result="OK" />';

describe('confirm endpoint', () => {
  it('marks the order paid on a signed SUCCESS and stores it without the fingerprint', async () => {
    const id = await placeOrder();
    assert.equal(await post(signed(id, 'SUCCESS')), OK);
    assert.equal((await shop.db.getOrder(id))?.status, 'paid');
    const [confirmation] = await shop.db.confirmationsOf(id);
    assert.equal(confirmation?.verified, true);
    assert.equal(confirmation?.rejectedReason, undefined);
    assert.equal(confirmation?.fields.responseFingerprint, undefined);
    assert.equal(confirmation?.fields.paymentState, 'SUCCESS');
  });

  it('answers a repeated confirmation OK and keeps one record of it', async () => {
    const id = await placeOrder();
    const body = signed(id, 'SUCCESS');
    assert.equal(await post(body), OK);
    assert.equal(await post(body), OK);
    const confirmations = await shop.db.confirmationsOf(id);
    assert.equal(confirmations.length, 1);
    assert.equal(confirmations[0]?.timesReceived, 2);
    assert.equal((await shop.db.getOrder(id))?.status, 'paid');
  });

  it('moves a PENDING order to paid when the later SUCCESS arrives', async () => {
    const id = await placeOrder();
    assert.equal(await post(signed(id, 'PENDING')), OK);
    assert.equal((await shop.db.getOrder(id))?.status, 'pending');
    assert.equal(await post(signed(id, 'SUCCESS')), OK);
    assert.equal((await shop.db.getOrder(id))?.status, 'paid');
    assert.deepEqual(
      (await shop.db.confirmationsOf(id)).map((c) => c.paymentState),
      ['PENDING', 'SUCCESS'],
    );
  });

  it('answers a tampered confirmation NOK and records it as rejected', async () => {
    const id = await placeOrder();
    const tampered = signed(id, 'SUCCESS').replace('amount=22.90', 'amount=0.01');
    assert.match(await post(tampered), /result="NOK"/);
    assert.equal((await shop.db.getOrder(id))?.status, 'open');
    const [confirmation] = await shop.db.confirmationsOf(id);
    assert.equal(confirmation?.rejectedReason, 'FINGERPRINT_MISMATCH');
    assert.equal(confirmation?.verified, false);
    assert.equal(confirmation?.fields.amount, '0.01');
  });

  it('refuses a signed SUCCESS whose amount differs from the order', async () => {
    const id = await placeOrder(9990);
    assert.match(await post(signed(id, 'SUCCESS')), /result="NOK"/);
    assert.equal((await shop.db.getOrder(id))?.status, 'open');
    assert.equal((await shop.db.confirmationsOf(id))[0]?.rejectedReason, 'AMOUNT_MISMATCH');
  });

  it('refuses a SUCCESS whose shop order id was not signed', async () => {
    const id = await placeOrder();
    const body = signTestConfirmation(
      {
        amount: '22.90',
        currency: 'EUR',
        paymentType: 'CCARD',
        orderNumber: '1',
        paymentState: 'SUCCESS',
      },
      { secret: DEMO_ACCOUNT.secret },
    );
    assert.match(await post(`${body}&shopOrderId=${id}`), /result="NOK"/);
    assert.equal((await shop.db.getOrder(id))?.status, 'open');
    assert.equal((await shop.db.confirmationsOf(id))[0]?.rejectedReason, 'SHOP_ORDER_ID_UNSIGNED');
  });

  it('records a confirmation for an unknown order apart and answers NOK', async () => {
    assert.match(await post(signed('SO-NOPE', 'SUCCESS')), /result="NOK"/);
    const [unmatched] = await shop.db.unmatchedConfirmations();
    assert.equal(unmatched?.rejectedReason, 'UNKNOWN_ORDER');
  });

  it('closes an unpaid order on CANCEL but never undoes a payment with FAILURE', async () => {
    const cancelled = await placeOrder();
    assert.equal(await post(`paymentState=CANCEL&shopOrderId=${cancelled}`), OK);
    assert.equal((await shop.db.getOrder(cancelled))?.status, 'cancelled');
    const paid = await placeOrder();
    await post(signed(paid, 'SUCCESS'));
    assert.equal(
      await post(`paymentState=FAILURE&errors=1&error.1.errorCode=20005&shopOrderId=${paid}`),
      OK,
    );
    assert.equal((await shop.db.getOrder(paid))?.status, 'paid');
  });

  it('keeps every order and confirmation across a restart of the backend', async () => {
    const id = await placeOrder();
    await post(signed(id, 'SUCCESS'));
    const before = await shop.db.confirmationsOf(id);
    await shop.close();
    shop = await startShopServer({ ...database, gateway, log: () => {} });
    assert.equal((await shop.db.getOrder(id))?.status, 'paid');
    assert.deepEqual(await shop.db.confirmationsOf(id), before);
    const response = await fetch(`${shop.url}/api/orders/${id}`);
    assert.equal(((await response.json()) as { status: string }).status, 'paid');
  });

  it('stores junk past the protocol limits clipped, answers NOK, and the orders view stays small', async () => {
    const id = await placeOrder();
    const junk = `paymentState=CANCEL&shopOrderId=${id}&${'a&'.repeat(400_000)}`;
    assert.match(await post(junk), /result="NOK"/);
    assert.equal((await shop.db.getOrder(id))?.status, 'open', 'junk closes nothing');
    const [stored] = await shop.db.confirmationsOf(id);
    assert.equal(stored?.rejectedReason, 'POST_LIMITS_EXCEEDED');
    assert.equal(stored?.clipped, true);
    assert.equal(stored?.bodyBytes, junk.length);
    const view = await (await fetch(`${shop.url}/api/orders/${id}`)).text();
    assert.ok(view.length < 8 * 1024, `the order view is ${view.length} characters`);
  });

  it('refuses a body over 1 MiB with 413 before reading the rest', async () => {
    const response = await fetch(`${shop.url}/api/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a'.repeat(1024 * 1024 + 1),
    });
    assert.equal(response.status, 413);
  });

  it('refuses a confirmation that is not a form post with 415', async () => {
    const response = await fetch(`${shop.url}/api/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(response.status, 415);
  });
});
