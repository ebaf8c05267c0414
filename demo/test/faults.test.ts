import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signTestConfirmation } from '@qenta-seamless/server-helpers/testing';
import { choosePayment, fillCart, pay, resultShows } from './flows.ts';
import { CONFIRM_RETRY_MS, type Harness, startHarness } from './harness.ts';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness?.close());

/** Waits (bounded) until `check` holds; the emulator delivers confirms asynchronously. */
async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function latestOrderId(): Promise<string> {
  const [order] = await harness.shop.db.listOrders({ limit: 1 });
  assert.ok(order, 'an order was written before the payment started');
  return order.id;
}

describe('faults', () => {
  it('pays an order exactly once when the shop was down at the first confirm delivery', async () => {
    const { context, page } = await harness.newPage();
    try {
      await fillCart(page, harness.shop.url);
      await choosePayment(page, 'card-classic');
      await page.getByRole('button', { name: /^Pay / }).click();
      await page.getByRole('button', { name: 'Success', exact: true }).waitFor();
      const orderId = await latestOrderId();
      await harness.stopShop();
      const failed = page.waitForEvent('requestfailed', {
        predicate: (request) => request.url().includes('/result.html?order='),
      });
      await page.getByRole('button', { name: 'Success', exact: true }).click();
      // The emulator tried, failed, scheduled a retry and sent the browser on: to a shop that is down.
      const resultUrl = (await failed).url();
      // Chromium shows its error page for the refused navigation; wait for it, or it may
      // interrupt the navigation below on a busy machine.
      await page.waitForURL(/^chrome-error:/, { timeout: 5_000 }).catch(() => {});
      await harness.restartShop();
      assert.equal((await harness.shop.db.getOrder(orderId))?.status, 'open');
      assert.equal((await harness.shop.db.confirmationsOf(orderId)).length, 0);

      harness.clock.advance(CONFIRM_RETRY_MS);
      await eventually(
        async () => (await harness.shop.db.getOrder(orderId))?.status === 'paid',
        'the retried confirm',
      );
      await page.goto(resultUrl);
      await resultShows(page, 'paid');
      // Later retry slots pass without a second delivery being applied.
      harness.clock.advance(CONFIRM_RETRY_MS * 4);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const confirmations = await harness.shop.db.confirmationsOf(orderId);
      assert.equal(confirmations.length, 1);
      assert.equal(confirmations[0]?.paymentState, 'SUCCESS');
      assert.equal(confirmations[0]?.timesReceived, 1);
      const orderNumber = (await harness.shop.db.getOrder(orderId))?.gatewayOrderNumber;
      const attempts = harness.emulator.journal
        .entries()
        .filter((entry) => entry.kind === 'confirm' && entry.details.orderNumber === orderNumber)
        .map((entry) => entry.details.ok);
      assert.deepEqual(attempts.sort(), [false, true], 'one failed attempt, one delivered retry');
    } finally {
      await context.close();
      await harness.restartShop();
    }
  });

  it('answers a tampered confirmation NOK, records it rejected, and leaves the order alone', async () => {
    const { context, page } = await harness.newPage();
    try {
      await fillCart(page, harness.shop.url);
      await choosePayment(page, 'sepa');
      await page.getByRole('button', { name: /^Pay / }).click();
      await page.getByRole('button', { name: 'Cancel', exact: true }).waitFor();
      const orderId = await latestOrderId();
      const order = (await harness.shop.db.getOrder(orderId))!;
      const forged = signTestConfirmation(
        {
          amount: (order.amountCents / 100).toFixed(2),
          currency: 'EUR',
          paymentType: 'SEPA-DD',
          orderNumber: '123456',
          paymentState: 'SUCCESS',
          shopOrderId: orderId,
        },
        { secret: 'NOT-THE-MERCHANT-SECRET-0000000' },
      );
      const response = await fetch(`${harness.shop.url}/api/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: forged,
      });
      assert.match(await response.text(), /<QPAY-CONFIRMATION-RESPONSE result="NOK"/);
      assert.equal((await harness.shop.db.getOrder(orderId))?.status, 'open');
      const [rejected] = await harness.shop.db.confirmationsOf(orderId);
      assert.equal(rejected?.rejectedReason, 'FINGERPRINT_MISMATCH');
      assert.equal(rejected?.verified, false);

      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      await resultShows(page, 'cancelled');
      assert.deepEqual(
        (await harness.shop.db.confirmationsOf(orderId)).map((c) => [
          c.paymentState,
          c.rejectedReason ?? 'ok',
        ]),
        [
          ['SUCCESS', 'FINGERPRINT_MISMATCH'],
          ['CANCEL', 'ok'],
        ],
      );
    } finally {
      await context.close();
    }
  });

  it('re-initialises an expired data storage and completes the purchase', async () => {
    const { context, page } = await harness.newPage();
    let inits = 0;
    page.on('request', (request) => {
      if (request.url().includes('/api/checkout/data-storage')) inits += 1;
    });
    try {
      await fillCart(page, harness.shop.url);
      await page.getByRole('radio', { name: 'Credit or debit card' }).check();
      await page.getByLabel('Card number').waitFor();
      await eventually(() => inits === 1, 'the first data storage init');
      // The gateway script must be loaded before the clock moves on: on a busy machine it could
      // otherwise be asked for after the storage expired, and the element shows an error where
      // the card fields were (seen on the PostgreSQL run under load).
      await page
        .locator('qenta-payment-form')
        .evaluate((form) => (form as HTMLElement & { whenReady(): Promise<void> }).whenReady());
      // 31 minutes pass at the gateway: the storage is gone (qenta-protocol §10).
      harness.clock.advance(31 * 60_000);
      await choosePayment(page, 'card-classic');
      assert.equal(inits, 2, 'the element asked the shop for a new data storage');
      const orderId = await pay(page, 'Success');
      await resultShows(page, 'paid');
      assert.equal((await harness.shop.db.getOrder(orderId))?.status, 'paid');
    } finally {
      await context.close();
    }
  });
});
