import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '@qenta-seamless/emulator';
import { DEMO_ACCOUNT } from '../server/config.ts';
import type { ShopServer } from '../server/server.ts';
import { type EmulatedShop, startEmulatedShop } from './emulated-shop.ts';
import { chooseOutcome, startCheckout } from './shopper.ts';

let running: EmulatedShop;
let emulator: Emulator;
let shop: ShopServer;

before(async () => {
  running = await startEmulatedShop('forged');
  ({ emulator, shop } = running);
});
after(() => running.close());

async function postConfirm(body: string): Promise<string> {
  const response = await fetch(`${shop.url}/api/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return response.text();
}

/** The gateway order number of the verified confirmation the emulator delivered. */
async function verifiedOrderNumber(orderId: string): Promise<string> {
  const verified = (await shop.db.confirmationsOf(orderId)).filter((c) => c.verified);
  assert.equal(verified.length, 1);
  return verified[0]!.fields.orderNumber!;
}

describe('an unsigned confirmation is no fact about an order', () => {
  it('a forged FAILURE naming another gateway order does not decide what is deposited and refunded', async () => {
    // The attacker pays an order of their own and learns its gateway order number.
    const attacker = await startCheckout(shop.url);
    await chooseOutcome(attacker.redirectUrl, 'SUCCESS');
    const attackerNumber = await verifiedOrderNumber(attacker.orderId);

    // The victim starts a payment; before they pay, the attacker posts an unsigned FAILURE
    // that names the victim's order and the attacker's gateway order.
    const victim = await startCheckout(shop.url);
    const forged = new URLSearchParams({
      paymentState: 'FAILURE',
      orderNumber: attackerNumber,
      amount: '22.90',
      paymentType: 'CCARD',
      shopOrderId: victim.orderId,
    }).toString();
    await postConfirm(forged);
    assert.equal((await shop.db.getOrder(victim.orderId))?.gatewayOrderNumber, undefined);

    await chooseOutcome(victim.redirectUrl, 'SUCCESS');
    const victimNumber = await verifiedOrderNumber(victim.orderId);
    assert.notEqual(victimNumber, attackerNumber);
    const paid = await shop.db.getOrder(victim.orderId);
    assert.equal(paid?.status, 'paid');
    assert.equal(paid?.gatewayOrderNumber, victimNumber);
    assert.equal(
      emulator.orders.find(DEMO_ACCOUNT.customerId, victimNumber)?.orderReference,
      victim.orderId,
    );

    // The owner deposits and refunds the victim's order: both land on the victim's gateway order.
    for (const operation of ['deposit', 'refund']) {
      const response = await fetch(`${shop.url}/api/orders/${victim.orderId}/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(response.status, 200, `${operation}: ${await response.text()}`);
    }
    const victimAtGateway = emulator.orders.find(DEMO_ACCOUNT.customerId, victimNumber);
    assert.equal(victimAtGateway?.payment?.depositAmount, paid.amountCents);
    assert.equal(victimAtGateway?.credits.length, 1);
    const attackerAtGateway = emulator.orders.find(DEMO_ACCOUNT.customerId, attackerNumber);
    assert.equal(attackerAtGateway?.credits.length, 0, 'nothing is credited to the attacker');
    assert.equal(attackerAtGateway?.payment?.depositAmount ?? 0, 0);
  });

  it('an unsigned CANCEL closes an unpaid order but stores nothing about it', async () => {
    const { orderId } = await startCheckout(shop.url);
    const body = `paymentState=CANCEL&orderNumber=1234567&amount=0.01&paymentType=PAYPAL&shopOrderId=${orderId}`;
    assert.match(await postConfirm(body), /result="OK"/);
    const order = await shop.db.getOrder(orderId);
    assert.equal(order?.status, 'cancelled');
    assert.equal(order?.gatewayOrderNumber, undefined);
    assert.equal(order?.amountCents, 1800 + 490);
    assert.equal(order?.paymentType, 'PAYPAL');
  });
});
