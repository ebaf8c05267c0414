import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  chooseCardEntry,
  choosePayment,
  fillCart,
  type Outcome,
  pay,
  resultShows,
} from './flows.ts';
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

/** Euros as the shop's pages write them. */
function price(cents: number) {
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/**
 * Fails unless the SAQ-A iframe is as tall as its fields (the emulator's iframe reports its
 * height; the shop sets none of its own).
 */
async function assertIframeFitsItsFields() {
  const frame = page.frameLocator('qenta-payment-form iframe');
  let last = '';
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const outer = await page
      .locator('qenta-payment-form iframe')
      .evaluate((element) => element.getBoundingClientRect().height);
    const inner = await frame.locator('html').evaluate((element) => element.scrollHeight);
    last = `iframe ${outer}px, its content ${inner}px`;
    if (inner > 200 && Math.abs(outer - inner) <= 2) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`the SAQ-A iframe does not fit its fields: ${last}`);
}

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
    // Every product has its illustration (drawn SVGs), loaded, and no letters stand in for it.
    const loaded = await page.locator('#products img.tile').evaluateAll((elements) =>
      Promise.all(
        (elements as HTMLImageElement[]).map((image) => {
          image.loading = 'eager';
          return image.decode().then(
            () => [image.getAttribute('src'), image.naturalWidth > 0] as const,
            () => [image.getAttribute('src'), false] as const,
          );
        }),
      ),
    );
    assert.equal(loaded.length, 6);
    for (const [src, ok] of loaded) {
      assert.ok(ok && /^\/products\/[a-z-]+\.svg$/.test(String(src)), `${src} loads`);
    }
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
    // The card-entry switch is for shop developers: inside a closed developer panel.
    assert.equal(
      await page.getByRole('radio', { name: /QENTA’s secure card fields/ }).isVisible(),
      false,
    );
    await page.locator('details.dev-panel summary', { hasText: 'Developer panel' }).waitFor();
    await checkA11y(page, 'checkout (card)');
    await snap(page, '03-checkout-card');
    await chooseCardEntry(page, 'pci3');
    await page.frameLocator('qenta-payment-form iframe').locator('#pan').waitFor();
    await assertIframeFitsItsFields();
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
    // Until the basket is here, Pay cannot be pressed.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/checkout', async (route) => {
      await held;
      await route.continue();
    });
    await page.reload();
    const payButton = page.locator('#pay');
    await payButton.waitFor();
    assert.equal(await payButton.isDisabled(), true, 'Pay is disabled while the basket loads');
    assert.equal(await payButton.textContent(), 'Loading your basket…');
    release();
    await page.getByRole('button', { name: /^Pay €/ }).waitFor();
    assert.equal(await payButton.isEnabled(), true);
    await page.unroute('**/api/checkout');
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
    // No e-mail address was asked for, so none is promised.
    assert.doesNotMatch((await page.locator('#result').textContent()) ?? '', /e-mail/i);
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
    assert.equal(
      await card.getByRole('button', { name: /^Deposit / }).getAttribute('title'),
      'Capture the approved amount',
    );
    // Unsigned receipts say what they mean; Cancelled and Failed look different.
    const unsigned = page.locator('.confirmations .badge.unsigned');
    assert.ok((await unsigned.count()) >= 2, 'the CANCEL and FAILURE receipts are marked');
    assert.deepEqual(
      [...new Set(await unsigned.allTextContents())],
      ['Not signed — cannot move money'],
    );
    const colours = async (status: string) =>
      page
        .locator(`article header .badge.${status}`)
        .first()
        .evaluate((element) => {
          const style = getComputedStyle(element);
          return `${style.backgroundColor} ${style.color}`;
        });
    assert.notEqual(await colours('cancelled'), await colours('failed'));
    await checkA11y(page, 'orders');
    await snap(page, '07-orders');
    await card.getByRole('button', { name: /^Deposit / }).click();
    await card.getByRole('button', { name: /^Refund / }).waitFor();
    const deposited = (await harness.shop.db.getOrder(paidOrderId))!;
    assert.equal(deposited.depositedCents, deposited.amountCents);
    const badge = card.locator('header .badge');
    assert.equal(await badge.textContent(), 'paid');

    // A partial refund (the API takes an amount; the page's button refunds what is left).
    const partial = await page.request.post(
      `${harness.shop.url}/api/orders/${encodeURIComponent(paidOrderId)}/refund`,
      { data: { amountCents: 500 } },
    );
    assert.equal(partial.status(), 200, await partial.text());
    const paid = price(deposited.amountCents);
    await page.reload();
    await badge.filter({ hasText: /^Partly refunded$/ }).waitFor();
    assert.equal(
      await card.locator('.refund-amounts').textContent(),
      `Paid ${paid} · refunded €5.00`,
    );
    await checkA11y(page, 'orders (partly refunded)');
    await snap(page, '07-orders-partly-refunded');
    await page.goto(`${harness.shop.url}/result.html?order=${paidOrderId}`);
    await page.locator('#result[data-refund="partial"] .badge.partly-refunded').waitFor();
    assert.equal(await page.locator('#result dl dd').nth(2).textContent(), paid);
    assert.equal(await page.locator('#result dl dd').nth(3).textContent(), '€5.00');
    await snap(page, '06-result-partly-refunded');

    await page.goto(`${harness.shop.url}/orders.html`);
    await card.getByRole('button', { name: /^Refund / }).click();
    await page.getByRole('status').filter({ hasText: 'Refunded' }).waitFor();
    await badge.filter({ hasText: /^Refunded$/ }).waitFor();
    assert.equal(
      await card.locator('.refund-amounts').textContent(),
      `Paid ${paid} · refunded ${paid}`,
    );
    const refunded = (await harness.shop.db.getOrder(paidOrderId))!;
    assert.equal(refunded.refundedCents, refunded.amountCents);
    const operations = await harness.shop.db.operationsOf(paidOrderId);
    assert.deepEqual(
      operations.map((operation) => [operation.operation, operation.ok]),
      [
        ['deposit', true],
        ['refund', true],
        ['refund', true],
      ],
    );
    await checkA11y(page, 'orders (refunded)');
    await snap(page, '07-orders-after-refund');
    await page.goto(`${harness.shop.url}/result.html?order=${paidOrderId}`);
    await page.getByRole('heading', { name: 'This order was refunded.' }).waitFor();
    assert.equal(await page.locator('#result .badge').textContent(), 'Refunded');
    await checkA11y(page, 'result (refunded)');
    await snap(page, '06-result-refunded');
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
