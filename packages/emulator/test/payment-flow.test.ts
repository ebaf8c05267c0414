import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyConfirmation } from '@qenta-seamless/server-helpers';
import { encodeForm } from '@qenta-seamless/server-helpers/protocol';
import type { Browser } from 'playwright-core';
import { createEmulator } from '../src/index.ts';
import {
  DEMO,
  initDataStorage,
  launchChromium,
  listen,
  startConfirmRecorder,
  startPayment,
  startShop,
} from './browser-support.ts';

type Emulator = Awaited<ReturnType<typeof createEmulator>>;
type Shop = Awaited<ReturnType<typeof startShop>>;

const OUTCOMES = [
  ['Success', 'SUCCESS', '/success'],
  ['Cancel', 'CANCEL', '/cancel'],
  ['Failure', 'FAILURE', '/failure'],
  ['Pending', 'PENDING', '/pending'],
] as const;

async function choose(redirectUrl: string, outcome: string): Promise<Response> {
  const sid = new URL(redirectUrl).searchParams.get('SID') ?? '';
  return fetch(redirectUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: encodeForm({ SID: sid, step: 'outcome', outcome }),
  });
}

function confirmEntries(emulator: Emulator, sessionId: string) {
  return emulator.journal
    .entries()
    .filter((entry) => entry.kind === 'confirm' && entry.details.sessionId === sessionId);
}

describe('payment page and confirm delivery', { timeout: 90_000 }, () => {
  let emulator: Emulator;
  let shop: Shop;
  let browser: Browser;

  before(async () => {
    emulator = await createEmulator({
      host: '127.0.0.1',
      port: 0,
      confirmRetry: { delaysMs: [150, 150, 150, 150], timeoutMs: 600 },
    });
    shop = await startShop(new URL(emulator.baseUrl).origin);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await shop?.close();
    await emulator?.close();
  });

  for (const [label, state, path] of OUTCOMES) {
    it(`${label}: confirms ${state} before the browser reaches ${path}`, async () => {
      const recorder = await startConfirmRecorder();
      const redirectUrl = await startPayment(emulator.baseUrl, {
        paymentType: 'PAYPAL',
        confirmUrl: recorder.url,
        shopOrigin: shop.origin,
        custom: { shopCartId: 'cart-42' },
        pendingUrl: true,
      });
      assert.match(redirectUrl, /\/frontend\/D200001qmore_DESKTOP\/select\.php\?SID=[a-z0-9]{26}$/);
      const context = await browser.newContext();
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Failed to load/i.test(message.text())) {
          violations.push(message.text());
        }
      });
      await page.goto(redirectUrl);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Emulated payment');
      assert.equal(
        await page.evaluate(() => getComputedStyle(document.querySelector('main')!).maxWidth),
        '576px',
        'the served stylesheet applies under the page CSP',
      );
      await page.getByRole('button', { name: label }).click();
      await page.waitForURL(`${shop.origin}${path}`);
      await context.close();
      assert.deepEqual(violations, []);

      assert.equal(recorder.received.length, 1);
      const confirm = recorder.received[0]!;
      const visit = shop.visits.findLast((entry) => entry.path === path);
      assert.ok(visit && confirm.at <= visit.at, 'confirm arrived before the redirect');
      const verified = verifyConfirmation(confirm.body, { secret: DEMO.secret });
      assert.equal(verified.paymentState, state);
      if (verified.verified) {
        assert.equal(verified.amount, '12.50');
        assert.equal(verified.fields.shopCartId, 'cart-42');
        assert.equal(verified.fields.paypalPayerID !== undefined, true);
        assert.match(verified.fields.gatewayReferenceNumber ?? '', /^DGW_\d+_RN$/);
      } else {
        assert.equal(confirm.fields.responseFingerprint, undefined);
        assert.equal(confirm.fields.shopCartId, 'cart-42');
      }
      if (verified.paymentState === 'FAILURE') assert.equal(verified.errors.length, 1);
      assert.equal(state === 'SUCCESS' || state === 'PENDING', verified.verified);

      if (state === 'PENDING') {
        const sid = new URL(redirectUrl).searchParams.get('SID');
        const listing = await (
          await fetch(`${new URL(emulator.baseUrl).origin}/journal/payments`)
        ).text();
        assert.ok(
          listing.includes(`/journal/payments/${sid}/resolve`),
          'the payments page offers resolve',
        );
        const resolved = await fetch(
          `${new URL(emulator.baseUrl).origin}/journal/payments/${sid}/resolve`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'state=SUCCESS',
          },
        );
        assert.equal(resolved.status, 200);
        await recorder.waitFor(2);
        const second = verifyConfirmation(recorder.received[1]!.body, { secret: DEMO.secret });
        assert.equal(second.paymentState, 'SUCCESS');
        assert.equal(second.verified, true);
      }
      await recorder.close();
    });
  }

  it('asks 3-D Secure for an enrolled card and confirms authenticated=Yes with the masked card', async () => {
    const recorder = await startConfirmRecorder();
    const storage = await initDataStorage(emulator.baseUrl, { returnUrl: `${shop.origin}/return` });
    const stored = await fetch(`${emulator.baseUrl}/dataStorage/store`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: encodeForm({
        storageId: storage.storageId,
        paymentType: 'CCARD',
        pan: '9500000000000001',
        expirationMonth: '12',
        expirationYear: '2031',
        cardverifycode: '123',
      }),
    });
    assert.equal(((await stored.json()) as { errors: number }).errors, 0);
    const redirectUrl = await startPayment(emulator.baseUrl, {
      paymentType: 'CCARD',
      confirmUrl: recorder.url,
      shopOrigin: shop.origin,
      storage,
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(redirectUrl);
    assert.equal(
      await page.getByRole('heading', { level: 1 }).textContent(),
      '3-D Secure authentication',
    );
    assert.ok((await page.content()).includes('950000******0001'));
    await page.getByLabel('3-D Secure password').fill('qenta3ds');
    await page.getByRole('button', { name: 'Authenticate' }).click();
    await page.getByRole('button', { name: 'Success' }).click();
    await page.waitForURL(`${shop.origin}/success`);
    await context.close();
    const verified = verifyConfirmation(recorder.received[0]!.body, { secret: DEMO.secret });
    assert.ok(verified.verified);
    assert.equal(verified.fields.authenticated, 'Yes');
    assert.equal(verified.fields.maskedPan, '950000******0001');
    assert.equal(verified.fields.financialInstitution, 'MC');
    assert.ok(!recorder.received[0]!.body.includes('9500000000000001'));
    await recorder.close();
  });

  it('fails the payment when the 3-D Secure password is wrong', async () => {
    const recorder = await startConfirmRecorder();
    const storage = await initDataStorage(emulator.baseUrl, { returnUrl: `${shop.origin}/return` });
    await fetch(`${emulator.baseUrl}/dataStorage/store`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: encodeForm({
        storageId: storage.storageId,
        paymentType: 'CCARD',
        pan: '4000000000003220',
        expirationMonth: '12',
        expirationYear: '2031',
      }),
    });
    const redirectUrl = await startPayment(emulator.baseUrl, {
      paymentType: 'CCARD',
      confirmUrl: recorder.url,
      shopOrigin: shop.origin,
      storage,
    });
    const sid = new URL(redirectUrl).searchParams.get('SID') ?? '';
    const answer = await fetch(redirectUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: encodeForm({ SID: sid, step: 'authenticate', password: 'wrong' }),
    });
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), `${shop.origin}/failure`);
    const confirmation = verifyConfirmation(recorder.received[0]!.body, { secret: DEMO.secret });
    assert.equal(confirmation.paymentState, 'FAILURE');
    if (confirmation.paymentState === 'FAILURE')
      assert.equal(confirmation.errors[0]?.errorCode, '20009');
    await recorder.close();
  });

  it('speaks German on the payment page for language=de', async () => {
    const recorder = await startConfirmRecorder();
    const redirectUrl = await startPayment(emulator.baseUrl, {
      paymentType: 'PAYPAL',
      confirmUrl: recorder.url,
      shopOrigin: shop.origin,
      custom: { language: 'de' },
    });
    const html = await (await fetch(redirectUrl)).text();
    assert.match(html, /<html lang="de">/);
    assert.match(html, /<h1>Simulierte Zahlung<\/h1>/);
    assert.match(html, /value="SUCCESS" class="primary">Erfolg</);
    await recorder.close();
  });

  it('retries a confirm answered NOK twice, then OK: three attempts in the journal', async () => {
    const recorder = await startConfirmRecorder(['NOK', 'NOK', 'OK']);
    const redirectUrl = await startPayment(emulator.baseUrl, {
      paymentType: 'SOFORTUEBERWEISUNG',
      confirmUrl: recorder.url,
      shopOrigin: shop.origin,
    });
    const answer = await choose(redirectUrl, 'SUCCESS');
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), `${shop.origin}/success`);
    await recorder.waitFor(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(recorder.received.length, 3);
    const bodies = new Set(recorder.received.map((confirm) => confirm.body));
    assert.equal(bodies.size, 1, 'every attempt carries the same signed body');
    const sid = new URL(redirectUrl).searchParams.get('SID') ?? '';
    const outcomes = confirmEntries(emulator, sid).map((entry) => entry.details.outcome);
    assert.deepEqual([...outcomes].sort(), ['NOK', 'NOK', 'OK']);
    assert.ok(
      !JSON.stringify(confirmEntries(emulator, sid)).includes(
        recorder.received[0]!.fields.responseFingerprint ?? 'x',
      ),
    );
    await recorder.close();
  });

  it('retries a down confirm endpoint and catches up once it is back', async () => {
    const probe = await listen(() => {});
    const port = new URL(probe.origin).port;
    await probe.close();
    const redirectUrl = await startPayment(emulator.baseUrl, {
      paymentType: 'EPS',
      confirmUrl: `http://127.0.0.1:${port}/confirm`,
      shopOrigin: shop.origin,
    });
    const answer = await choose(redirectUrl, 'SUCCESS');
    assert.equal(answer.status, 303, 'the consumer is not held by a down shop');
    const sid = new URL(redirectUrl).searchParams.get('SID') ?? '';
    assert.equal(confirmEntries(emulator, sid)[0]?.details.outcome, 'refused');
    const received: string[] = [];
    const back = await listen((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push(body);
        response.end('<QPAY-CONFIRMATION-RESPONSE result="OK" />');
      });
    }, Number(port));
    const caughtUp = () => confirmEntries(emulator, sid).some((e) => e.details.outcome === 'OK');
    const deadline = Date.now() + 3_000;
    while (!caughtUp() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await back.close();
    assert.equal(caughtUp(), true);
    assert.equal(received.length, 1);
    assert.equal(verifyConfirmation(received[0]!, { secret: DEMO.secret }).paymentState, 'SUCCESS');
  });

  it('does not let a hanging confirm endpoint hold the emulator', async () => {
    const recorder = await startConfirmRecorder(['hang', 'OK']);
    const redirectUrl = await startPayment(emulator.baseUrl, {
      paymentType: 'IDL',
      confirmUrl: recorder.url,
      shopOrigin: shop.origin,
    });
    const started = Date.now();
    const answer = await choose(redirectUrl, 'SUCCESS');
    assert.equal(answer.status, 303);
    assert.ok(Date.now() - started < 3_000, 'redirect after the per-attempt timeout');
    await recorder.waitFor(2);
    const sid = new URL(redirectUrl).searchParams.get('SID') ?? '';
    const deadline = Date.now() + 2_000;
    while (confirmEntries(emulator, sid).length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const outcomes = confirmEntries(emulator, sid).map((entry) => entry.details.outcome);
    assert.ok(outcomes.includes('timeout'));
    assert.ok(outcomes.includes('OK'));
    await recorder.close();
  });
});
