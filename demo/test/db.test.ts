import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type NewOrder, openShopDatabase, type ShopDatabase } from '../server/db.ts';
import { freshDatabase, type TestDatabase } from './database.ts';

let database: TestDatabase;
let db: ShopDatabase;
before(async () => {
  database = await freshDatabase('db');
  db = await openShopDatabase(database.location);
});
after(async () => {
  await db?.close();
  await database?.drop();
});

function newOrder(id: string): NewOrder {
  return {
    id,
    orderIdent: `ident-${id}`,
    storageId: 'a'.repeat(32),
    paymentType: 'CCARD',
    anonymised: { maskedPan: '950000******0002' },
    lines: [{ productId: 'mug', name: 'Stoneware mug', quantity: 1, unitCents: 1800, taxRate: 20 }],
    discountCode: undefined,
    discountCents: 0,
    shippingCents: 490,
    amountCents: 2290,
    currency: 'EUR',
  };
}

function receipt(orderId: string | undefined, paymentState: string, extra = {}) {
  const fields = { paymentState, orderNumber: '1234567', shopOrderId: orderId ?? '', ...extra };
  const rawBody = new URLSearchParams(fields).toString();
  const verified = paymentState === 'SUCCESS' || paymentState === 'PENDING';
  return {
    fields,
    rawBody,
    clipped: false,
    bodyBytes: rawBody.length,
    paymentState,
    orderId,
    verified,
    ...(verified && { verifiedOrderNumber: fields.orderNumber }),
  };
}

describe('shop database', () => {
  it('keeps orders and confirmations across a reopen', async () => {
    await db.createOrder(newOrder('SO-1'));
    await db.recordConfirmation(receipt('SO-1', 'SUCCESS'));
    await db.close();
    db = await openShopDatabase(database.location);
    const order = await db.getOrder('SO-1');
    assert.equal(order?.status, 'paid');
    assert.equal(order?.gatewayOrderNumber, '1234567');
    assert.equal((await db.confirmationsOf('SO-1')).length, 1);
  });

  it('treats a repeated confirmation body as the same confirmation', async () => {
    await db.createOrder(newOrder('SO-2'));
    const first = await db.recordConfirmation(receipt('SO-2', 'SUCCESS'));
    const again = await db.recordConfirmation(receipt('SO-2', 'SUCCESS'));
    assert.equal(first.repeated, false);
    assert.equal(again.repeated, true);
    assert.equal(again.confirmation.id, first.confirmation.id);
    assert.equal(again.confirmation.timesReceived, 2);
    assert.equal((await db.confirmationsOf('SO-2')).length, 1);
  });

  it('moves a pending order to paid on the later SUCCESS and never back', async () => {
    await db.createOrder(newOrder('SO-3'));
    assert.equal(
      (await db.recordConfirmation(receipt('SO-3', 'PENDING'))).order?.status,
      'pending',
    );
    assert.equal((await db.recordConfirmation(receipt('SO-3', 'SUCCESS'))).order?.status, 'paid');
    const late = await db.recordConfirmation(receipt('SO-3', 'FAILURE', { errors: '1' }));
    assert.equal(late.order?.status, 'paid');
    assert.equal((await db.confirmationsOf('SO-3')).length, 3);
  });

  it('stores a rejected confirmation without touching the order', async () => {
    await db.createOrder(newOrder('SO-4'));
    const result = await db.recordConfirmation({
      ...receipt('SO-4', 'SUCCESS'),
      verified: false,
      rejectedReason: 'FINGERPRINT_MISMATCH',
    });
    assert.equal(result.order?.status, 'open');
    assert.equal(result.confirmation.rejectedReason, 'FINGERPRINT_MISMATCH');
    assert.equal((await db.confirmationsOf('SO-4'))[0]?.verified, false);
  });

  it('never takes a gateway order number from an unverified confirmation', async () => {
    await db.createOrder(newOrder('SO-6'));
    const forged = receipt('SO-6', 'FAILURE', { orderNumber: '6666666' });
    assert.equal((await db.recordConfirmation(forged)).order?.gatewayOrderNumber, undefined);
    const paid = await db.recordConfirmation(receipt('SO-6', 'SUCCESS'));
    assert.equal(paid.order?.status, 'paid');
    assert.equal(paid.order?.gatewayOrderNumber, '1234567');
  });

  it('keeps confirmations that match no order apart', async () => {
    await db.recordConfirmation({
      ...receipt('SO-unknown', 'SUCCESS', { nonce: 'u' }),
      orderId: undefined,
      rejectedReason: 'UNKNOWN_ORDER',
    });
    const unmatched = await db.unmatchedConfirmations();
    assert.equal(unmatched.length, 1);
    assert.equal(unmatched[0]?.rejectedReason, 'UNKNOWN_ORDER');
  });

  it('reserves a deposit or refund before the gateway call, settles or releases it', async () => {
    await db.createOrder(newOrder('SO-5'));
    await db.recordConfirmation(receipt('SO-5', 'SUCCESS', { nonce: '5' }));
    const deposit = { orderId: 'SO-5', operation: 'deposit' as const, amountCents: 2290 };
    assert.equal(await db.reserveOperation(deposit), true);
    assert.equal(await db.reserveOperation(deposit), false, 'the whole amount is reserved');
    await db.settleOperation({ ...deposit, ok: true, detail: '1' });
    const refund = { orderId: 'SO-5', operation: 'refund' as const, amountCents: 2290 };
    assert.equal(await db.reserveOperation(refund), true);
    await db.settleOperation({ ...refund, ok: false, detail: 'x' });
    const order = await db.getOrder('SO-5');
    assert.equal(order?.depositedCents, 2290);
    assert.equal(order?.refundedCents, 0);
    assert.equal(order?.refundPendingCents, 0, 'a failed refund releases its reservation');
    assert.equal((await db.operationsOf('SO-5')).length, 2);
  });

  it('lets exactly one of many concurrent full refunds reserve the amount', async () => {
    await db.createOrder(newOrder('SO-7'));
    await db.recordConfirmation(receipt('SO-7', 'SUCCESS', { nonce: '7' }));
    const deposit = { orderId: 'SO-7', operation: 'deposit' as const, amountCents: 2290 };
    await db.reserveOperation(deposit);
    await db.settleOperation({ ...deposit, ok: true, detail: '1' });
    const refund = { orderId: 'SO-7', operation: 'refund' as const, amountCents: 2290 };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => db.reserveOperation(refund)),
    );
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('writes only the session parts a request changed', async () => {
    await db.createSession('s1', { cart: {}, checkout: {}, orderIds: [] });
    await db.updateSession('s1', { cart: { mug: 1 } });
    await db.updateSession('s1', { checkout: { discountCode: 'WELCOME10' } });
    assert.deepEqual(await db.getSession('s1'), {
      cart: { mug: 1 },
      checkout: { discountCode: 'WELCOME10' },
      orderIds: [],
    });
  });
});
