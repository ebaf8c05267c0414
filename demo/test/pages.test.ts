import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { choosePayment, fillCart, type Outcome, pay, resultShows } from './flows.ts';
import { checkA11y, type Harness, snap, startHarness } from './harness.ts';

let harness: Harness;
let context: BrowserContext;
let page: Page;
let paidOrderId = '';

before(async () => {
  harness = await startHarness();
  ({ context, page } = await harness.newPage());
});
after(async () => {
  await context?.close();
  await harness?.close();
});

/** Fails when the page scrolls sideways (text cut off or unreadable at this width). */
async function assertNoSidewaysScroll(name: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `${name} scrolls sideways at ${clientWidth}px`);
}

describe('shop pages: accessible, screenshotted, readable at 320 px', () => {
  it('catalogue', async () => {
    await page.goto(`${harness.shop.url}/`);
    await page
      .getByRole('button', { name: /^Add .* to cart$/ })
      .first()
      .waitFor();
    await checkA11y(page, 'catalogue');
    await snap(page, '01-catalogue');
  });

  it('cart', async () => {
    await page.getByRole('button', { name: 'Add Hand grinder to cart' }).click();
    await page.getByRole('status').filter({ hasText: 'is in your cart' }).waitFor();
    await page.getByRole('button', { name: 'Add Stoneware mug to cart' }).click();
    await page.getByRole('status').filter({ hasText: 'Stoneware mug is in your cart' }).waitFor();
    await page.goto(`${harness.shop.url}/cart.html`);
    await page.getByRole('link', { name: 'Checkout' }).waitFor();
    await checkA11y(page, 'cart');
    await snap(page, '02-cart');
  });

  it('checkout with the card form, classic and SAQ-A', async () => {
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('radio', { name: 'Credit or debit card' }).check();
    await page.getByLabel('Card number').waitFor();
    await checkA11y(page, 'checkout (card)');
    await snap(page, '03-checkout-card');
    await page.getByRole('radio', { name: /QENTA’s secure card fields/ }).check();
    await page.frameLocator('qenta-payment-form iframe').locator('#pan').waitFor();
    await checkA11y(page, 'checkout (SAQ-A)');
    await snap(page, '03-checkout-card-saq-a');
    await page.getByRole('radio', { name: 'SEPA direct debit' }).check();
    await page.getByLabel('IBAN', { exact: true }).waitFor();
    await checkA11y(page, 'checkout (SEPA)');
    await snap(page, '03-checkout-sepa');
  });

  it('review with the anonymised card and a discount code', async () => {
    await choosePayment(page, 'card-classic');
    await page.getByText('950000******0002').waitFor();
    await page.getByLabel('Discount code').fill('welcome10');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Code WELCOME10 applied').waitFor();
    await checkA11y(page, 'review');
    await snap(page, '04-review');
  });

  it('gateway payment page, then the paid result', async () => {
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('button', { name: 'Success', exact: true }).waitFor();
    await snap(page, '05-gateway-payment-page');
    await page.getByRole('button', { name: 'Success', exact: true }).click();
    await resultShows(page, 'paid');
    paidOrderId = new URL(page.url()).searchParams.get('order') ?? '';
    const order = await harness.shop.db.getOrder(paidOrderId);
    assert.equal(order?.discountCode, 'WELCOME10');
    assert.equal(order?.discountCents, Math.round((6900 + 1800) * 0.1));
    await checkA11y(page, 'result (paid)');
    await snap(page, '06-result-paid');
  });

  for (const [outcome, status] of [
    ['Pending', 'pending'],
    ['Cancel', 'cancelled'],
    ['Failure', 'failed'],
  ] as [Outcome, string][]) {
    it(`result page: ${status}`, async () => {
      await fillCart(page, harness.shop.url);
      await choosePayment(page, 'sepa');
      await pay(page, outcome);
      await resultShows(page, status);
      await checkA11y(page, `result (${status})`);
      await snap(page, `06-result-${status}`);
      if (status === 'failed') {
        // "Try again" puts the order's items back and returns to the payment step.
        await page.getByRole('button', { name: 'Try again' }).click();
        await page.waitForURL(/\/checkout\.html/);
        await page.getByText('1 × Espresso blend, 500 g').waitFor();
      }
    });
  }

  it('orders page: deposit and refund through the backend operations', async () => {
    await page.goto(`${harness.shop.url}/orders.html`);
    const card = page.locator(`article[data-order="${paidOrderId}"]`);
    await card.getByRole('button', { name: /^Deposit / }).waitFor();
    await checkA11y(page, 'orders');
    await snap(page, '07-orders');
    await card.getByRole('button', { name: /^Deposit / }).click();
    await card.getByRole('button', { name: /^Refund / }).waitFor();
    const deposited = (await harness.shop.db.getOrder(paidOrderId))!;
    assert.equal(deposited.depositedCents, deposited.amountCents);
    await card.getByRole('button', { name: /^Refund / }).click();
    await page.getByRole('status').filter({ hasText: 'Refunded' }).waitFor();
    const refunded = (await harness.shop.db.getOrder(paidOrderId))!;
    assert.equal(refunded.refundedCents, refunded.amountCents);
    const operations = await harness.shop.db.operationsOf(paidOrderId);
    assert.deepEqual(
      operations.map((operation) => [operation.operation, operation.ok]),
      [
        ['deposit', true],
        ['refund', true],
      ],
    );
    await snap(page, '07-orders-after-refund');
  });

  it('every page is readable at 320 px', async () => {
    await page.setViewportSize({ width: 320, height: 700 });
    const visits: [string, string, () => Promise<void>][] = [
      [
        'catalogue',
        '/',
        async () => void (await page.getByRole('heading', { level: 1 }).waitFor()),
      ],
      [
        'orders',
        '/orders.html',
        async () => void (await page.locator('article').first().waitFor()),
      ],
      ['result', `/result.html?order=${paidOrderId}`, async () => resultShows(page, 'paid')],
    ];
    for (const [name, path, ready] of visits) {
      await page.goto(`${harness.shop.url}${path}`);
      await ready();
      await assertNoSidewaysScroll(name);
      await snap(page, `08-320px-${name}`);
    }
    await fillCart(page, harness.shop.url);
    await page.getByRole('radio', { name: 'Credit or debit card' }).check();
    await page.getByLabel('Card number').waitFor();
    await assertNoSidewaysScroll('checkout');
    await snap(page, '08-320px-checkout');
    await choosePayment(page, 'card-classic');
    await assertNoSidewaysScroll('review');
    await snap(page, '08-320px-review');
  });
});
