import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { choosePayment, fillCart, type Method, type Outcome, pay, resultShows } from './flows.ts';
import { type Harness, PENDING_RESOLVE_MS, snap, startHarness } from './harness.ts';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness?.close());

const FINAL: Record<Outcome, string> = {
  Success: 'paid',
  Cancel: 'cancelled',
  Failure: 'failed',
  Pending: 'pending',
};

async function purchase(method: Method, outcome: Outcome) {
  const { context, page } = await harness.newPage();
  try {
    await fillCart(page, harness.shop.url);
    await choosePayment(page, method);
    const orderId = await pay(page, outcome);
    await resultShows(page, FINAL[outcome]);
    const order = await harness.shop.db.getOrder(orderId);
    assert.equal(order?.status, FINAL[outcome]);
    const confirmations = await harness.shop.db.confirmationsOf(orderId);
    assert.equal(confirmations.length, 1);
    assert.equal(confirmations[0]?.paymentState, outcome.toUpperCase());
    assert.equal(confirmations[0]?.rejectedReason, undefined);
    if (outcome === 'Success' || outcome === 'Pending') {
      assert.equal(confirmations[0]?.verified, true);
      assert.ok(order?.gatewayOrderNumber, 'the gateway order number is stored');
    }
    if (outcome === 'Pending') {
      // The provider reports later: the emulator's second confirm turns the page to "paid".
      harness.clock.advance(PENDING_RESOLVE_MS);
      await resultShows(page, 'paid');
      assert.equal((await harness.shop.db.getOrder(orderId))?.status, 'paid');
      assert.deepEqual(
        (await harness.shop.db.confirmationsOf(orderId)).map((c) => [c.paymentState, c.verified]),
        [
          ['PENDING', true],
          ['SUCCESS', true],
        ],
      );
    }
    if (method !== 'paypal') {
      const anonymised = order?.anonymised ?? {};
      const shown = method === 'sepa' ? anonymised.bankAccountIban : anonymised.maskedPan;
      assert.ok(shown, 'the anonymised payment data was stored with the order');
      assert.ok(!JSON.stringify(order).includes('9500000000000002'), 'no full PAN in the order');
    }
    return { page, orderId };
  } finally {
    await context.close();
  }
}

for (const method of ['card-classic', 'card-pci3', 'sepa'] as const) {
  describe(`purchase by ${method}`, () => {
    for (const outcome of ['Success', 'Cancel', 'Failure', 'Pending'] as const) {
      it(`ends ${FINAL[outcome]}${outcome === 'Pending' ? ' then paid' : ''} after ${outcome}`, async () => {
        await purchase(method, outcome);
      });
    }
  });
}

describe('purchase by PayPal (no data storage)', () => {
  it('ends paid after Success', async () => {
    await purchase('paypal', 'Success');
  });
});

describe('purchase with 3-D Secure', () => {
  it('asks for the issuer password, then ends paid with authenticated=Yes', async () => {
    const { context, page } = await harness.newPage();
    try {
      await fillCart(page, harness.shop.url);
      await choosePayment(page, 'card-classic', '9500000000000001');
      await page.getByRole('button', { name: /^Pay / }).click();
      await page.getByLabel('3-D Secure password').fill('qenta3ds');
      await snap(page, '05-gateway-3d-secure');
      await page.getByRole('button', { name: 'Authenticate' }).click();
      await page.getByRole('button', { name: 'Success', exact: true }).click();
      await resultShows(page, 'paid');
      const orderId = new URL(page.url()).searchParams.get('order')!;
      const [confirmation] = await harness.shop.db.confirmationsOf(orderId);
      assert.equal(confirmation?.fields.authenticated, 'Yes');
      assert.equal(confirmation?.fields.maskedPan, '950000******0001');
    } finally {
      await context.close();
    }
  });
});
