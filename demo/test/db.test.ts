import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type NewOrder, openShopDatabase } from '../server/db.ts';

const dir = mkdtempSync(join(tmpdir(), 'demo-db-'));
after(() => rmSync(dir, { recursive: true, force: true }));

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
  return {
    fields,
    rawBody: new URLSearchParams(fields).toString(),
    clipped: false,
    bodyBytes: new URLSearchParams(fields).toString().length,
    paymentState,
    orderId,
    verified: paymentState === 'SUCCESS' || paymentState === 'PENDING',
    ...((paymentState === 'SUCCESS' || paymentState === 'PENDING') && {
      verifiedOrderNumber: fields.orderNumber,
    }),
  };
}

describe('shop database', () => {
  it('keeps orders and confirmations across a reopen of the same file', () => {
    const file = join(dir, 'reopen.sqlite');
    const first = openShopDatabase({ file });
    first.createOrder(newOrder('SO-1'));
    first.recordConfirmation(receipt('SO-1', 'SUCCESS'));
    first.close();
    const second = openShopDatabase({ file });
    const order = second.getOrder('SO-1');
    assert.equal(order?.status, 'paid');
    assert.equal(order?.gatewayOrderNumber, '1234567');
    assert.equal(second.confirmationsOf('SO-1').length, 1);
    second.close();
  });

  it('treats a repeated confirmation body as the same confirmation', () => {
    const db = openShopDatabase({ file: join(dir, 'repeat.sqlite') });
    db.createOrder(newOrder('SO-2'));
    const first = db.recordConfirmation(receipt('SO-2', 'SUCCESS'));
    const again = db.recordConfirmation(receipt('SO-2', 'SUCCESS'));
    assert.equal(first.repeated, false);
    assert.equal(again.repeated, true);
    assert.equal(again.confirmation.id, first.confirmation.id);
    assert.equal(again.confirmation.timesReceived, 2);
    assert.equal(db.confirmationsOf('SO-2').length, 1);
    db.close();
  });

  it('moves a pending order to paid on the later SUCCESS and never back', () => {
    const db = openShopDatabase({ file: join(dir, 'pending.sqlite') });
    db.createOrder(newOrder('SO-3'));
    assert.equal(db.recordConfirmation(receipt('SO-3', 'PENDING')).order?.status, 'pending');
    assert.equal(db.recordConfirmation(receipt('SO-3', 'SUCCESS')).order?.status, 'paid');
    const late = db.recordConfirmation(receipt('SO-3', 'FAILURE', { errors: '1' }));
    assert.equal(late.order?.status, 'paid');
    assert.equal(db.confirmationsOf('SO-3').length, 3);
    db.close();
  });

  it('stores a rejected confirmation without touching the order', () => {
    const db = openShopDatabase({ file: join(dir, 'rejected.sqlite') });
    db.createOrder(newOrder('SO-4'));
    const result = db.recordConfirmation({
      ...receipt('SO-4', 'SUCCESS'),
      verified: false,
      rejectedReason: 'FINGERPRINT_MISMATCH',
    });
    assert.equal(result.order?.status, 'open');
    assert.equal(result.confirmation.rejectedReason, 'FINGERPRINT_MISMATCH');
    assert.equal(db.confirmationsOf('SO-4')[0]?.verified, false);
    db.close();
  });

  it('never takes a gateway order number from an unverified confirmation', () => {
    const db = openShopDatabase({ file: join(dir, 'unverified.sqlite') });
    db.createOrder(newOrder('SO-6'));
    const forged = receipt('SO-6', 'FAILURE', { orderNumber: '6666666' });
    assert.equal(db.recordConfirmation(forged).order?.gatewayOrderNumber, undefined);
    const paid = db.recordConfirmation(receipt('SO-6', 'SUCCESS'));
    assert.equal(paid.order?.status, 'paid');
    assert.equal(paid.order?.gatewayOrderNumber, '1234567');
    db.close();
  });

  it('keeps confirmations that match no order apart', () => {
    const db = openShopDatabase({ file: join(dir, 'unmatched.sqlite') });
    db.recordConfirmation({ ...receipt('SO-unknown', 'SUCCESS'), rejectedReason: 'UNKNOWN_ORDER' });
    const unmatched = db.unmatchedConfirmations();
    assert.equal(unmatched.length, 1);
    assert.equal(unmatched[0]?.rejectedReason, 'UNKNOWN_ORDER');
    db.close();
  });

  it('adds successful deposits and refunds to the order totals, failed ones not', () => {
    const db = openShopDatabase({ file: join(dir, 'ops.sqlite') });
    db.createOrder(newOrder('SO-5'));
    db.recordOperation({
      orderId: 'SO-5',
      operation: 'deposit',
      amountCents: 2290,
      ok: true,
      detail: '1',
    });
    db.recordOperation({
      orderId: 'SO-5',
      operation: 'refund',
      amountCents: 500,
      ok: false,
      detail: 'x',
    });
    const order = db.getOrder('SO-5');
    assert.equal(order?.depositedCents, 2290);
    assert.equal(order?.refundedCents, 0);
    assert.equal(db.operationsOf('SO-5').length, 2);
    db.close();
  });
});
