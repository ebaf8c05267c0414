/**
 * Steps of a purchase in the shop, driven through the pages as a person would.
 */
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';

/** How the person pays. */
export type Method = 'card-classic' | 'card-pci3' | 'sepa' | 'paypal';
/** The button the person presses on the gateway's payment page. */
export type Outcome = 'Success' | 'Cancel' | 'Failure' | 'Pending';

/** A card the emulator approves without 3-D Secure (qenta-protocol §8). */
export const CARD = '9500000000000002';
/** A valid IBAN for SEPA direct debit. */
export const IBAN = 'AT611904300234573201';

/**
 * Puts one product in the cart from the catalogue and goes to checkout.
 *
 * @example
 * ```ts
 * await fillCart(page, shopUrl);
 * ```
 */
export async function fillCart(page: Page, shopUrl: string, product = 'Espresso blend, 500 g') {
  await page.goto(`${shopUrl}/`);
  await page.getByRole('button', { name: `Add ${product} to cart` }).click();
  await page.getByRole('status').filter({ hasText: 'is in your cart' }).waitFor();
  await page.goto(`${shopUrl}/cart.html`);
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.waitForURL(/\/checkout\.html/);
}

function expiryYear(): string {
  return String(new Date().getFullYear() + 3);
}

async function fillHostedCard(frame: FrameLocator) {
  await frame.locator('#pan').fill(CARD);
  await frame.locator('#expiryMonth').selectOption('12');
  await frame.locator('#expiryYear').selectOption(expiryYear());
  await frame.locator('#cvc').fill('123');
  const holder = frame.locator('#cardholder');
  if (await holder.count()) await holder.fill('Erika Mustermann');
}

/**
 * Picks where the card fields live, in the checkout's developer panel (opened first when it is
 * closed: shoppers are not meant to need it).
 *
 * @example
 * ```ts
 * await chooseCardEntry(page, 'pci3');
 * ```
 */
export async function chooseCardEntry(page: Page, mode: 'classic' | 'pci3') {
  const panel = page.locator('details.dev-panel');
  if (!(await panel.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await panel.getByText('Developer panel').click();
  }
  const names = { classic: /Card fields on this page/, pci3: /QENTA’s secure card fields/ };
  await panel.getByRole('radio', { name: names[mode] }).check();
}

/**
 * Chooses the method on the checkout page, enters the payment data and continues to review.
 *
 * @example
 * ```ts
 * await choosePayment(page, 'card-classic');
 * ```
 */
export async function choosePayment(page: Page, method: Method, card = CARD) {
  const labels: Record<Method, string> = {
    'card-classic': 'Credit or debit card',
    'card-pci3': 'Credit or debit card',
    sepa: 'SEPA direct debit',
    paypal: 'PayPal',
  };
  await page.getByRole('radio', { name: labels[method] }).check();
  if (method === 'card-classic') {
    await chooseCardEntry(page, 'classic');
    await page.getByLabel('Card number').fill(card);
    await page.getByLabel('Month (MM)').fill('12');
    await page.getByLabel('Year (YYYY)').fill(expiryYear());
    await page.getByLabel('Security code (CVC)').fill('123');
    await page.getByLabel('Name on card').fill('Erika Mustermann');
  } else if (method === 'card-pci3') {
    await chooseCardEntry(page, 'pci3');
    await fillHostedCard(page.frameLocator('qenta-payment-form iframe'));
  } else if (method === 'sepa') {
    await page.getByLabel('Account holder').fill('Erika Mustermann');
    await page.getByLabel('IBAN', { exact: true }).fill(IBAN);
  }
  await page.getByRole('button', { name: 'Continue to review' }).click();
  await page.waitForURL(/\/review\.html/);
}

/**
 * On the review page: pays, and presses `outcome` on the gateway's page (3-D Secure first when
 * the gateway asks). Returns the shop order id from the result page's address.
 *
 * @example
 * ```ts
 * const orderId = await pay(page, 'Success');
 * ```
 */
export async function pay(page: Page, outcome: Outcome): Promise<string> {
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.getByRole('button', { name: outcome, exact: true }).click();
  await page.waitForURL(/\/result\.html\?order=/);
  const id = new URL(page.url()).searchParams.get('order');
  assert.ok(id, 'the result page names the order');
  return id;
}

/**
 * Waits until the result page shows `status` (it polls the shop until the state is final).
 *
 * @example
 * ```ts
 * await resultShows(page, 'paid');
 * ```
 */
export async function resultShows(page: Page, status: string) {
  await page.locator(`#result[data-status="${status}"]`).waitFor();
}
