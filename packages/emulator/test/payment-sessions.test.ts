import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyConfirmation } from '@qenta-seamless/server-helpers';
import { createPaymentSessions, redirectTarget } from '../src/browser/payments.ts';
import type { Clock, Journal, JournalEntry, Merchant, PaidOrder } from '../src/context.ts';
import { startConfirmRecorder } from './browser-support.ts';

const merchant: Merchant = {
  customerId: 'D200001',
  shopIds: ['qmore'],
  secret: 'B8AKTPWBRMNBV455FG6M2DANE99WU2',
  backendPassword: 'jcv45z',
  algorithm: 'hmac-sha512',
  currencies: ['EUR'],
};

/** A clock that moves only when advanced (timers fire inside `advance`). */
function testClock() {
  let now = Date.UTC(2026, 5, 1);
  let timers: { due: number; run: () => void; cancelled: boolean }[] = [];
  const clock: Clock & { advance(ms: number): void } = {
    now: () => now,
    setTimeout(run, ms) {
      const timer = { due: now + ms, run, cancelled: false };
      timers.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((timer) => !timer.cancelled && timer.due <= now);
      timers = timers.filter((timer) => !due.includes(timer));
      for (const timer of due.sort((a, b) => a.due - b.due)) timer.run();
    },
  };
  return clock;
}

function setup(options: { pendingResolveMs?: number } = {}) {
  const clock = testClock();
  const entries: JournalEntry[] = [];
  const journal: Journal = {
    record(entry) {
      const full = { ...entry, id: entries.length + 1, at: clock.now() };
      entries.unshift(full);
      return full;
    },
    entries: () => entries,
  };
  const paid: PaidOrder[] = [];
  const orders = {
    reserveOrderNumber: () => '1',
    isReservedAndUnused: () => true,
    markUsed() {},
    recordPaid: (order: PaidOrder) => void paid.push(order),
  };
  const book = createPaymentSessions(
    { baseUrl: 'http://127.0.0.1:1/seamless', clock, journal, orders },
    { confirmRetry: { delaysMs: [60_000], timeoutMs: 2_000 }, ...options },
  );
  return { clock, entries, paid, book };
}

function session(confirmUrl: string, extra: Record<string, string> = {}, pan?: string) {
  return {
    merchant,
    shopId: 'qmore',
    orderNumber: '7654321',
    request: {
      paymentType: pan ? 'CCARD' : 'PAYPAL',
      amount: '9.99',
      currency: 'EUR',
      language: 'en',
      orderDescription: 'Socks',
      successUrl: 'http://127.0.0.1:1/ok',
      failureUrl: 'http://127.0.0.1:1/ko',
      confirmUrl,
      autoDeposit: 'yes',
      ...extra,
    },
    customParameters: {},
    ...(pan
      ? {
          paymentInformation: {
            maskedPan: `${pan.slice(0, 6)}******${pan.slice(-4)}`,
            financialInstitution: 'Visa',
            brand: 'VISA',
          },
          sensitive: { pan },
        }
      : {}),
  };
}

function sid(redirectUrl: string): string {
  return new URL(redirectUrl).searchParams.get('SID') ?? '';
}

describe('payment sessions', { timeout: 30_000 }, () => {
  it('returns the §1.3 redirectUrl with a 26-character session id', () => {
    const { book } = setup();
    const { redirectUrl } = book.start(session('http://127.0.0.1:1/confirm'));
    assert.match(
      redirectUrl,
      /^http:\/\/127\.0\.0\.1:1\/seamless\/frontend\/D200001qmore_DESKTOP\/select\.php\?SID=[a-z0-9]{26}$/,
    );
    book.close();
  });

  it('records the paid order on SUCCESS', async () => {
    const recorder = await startConfirmRecorder();
    const { book, paid } = setup();
    const id = sid(book.start(session(recorder.url)).redirectUrl);
    const next = await book.choose(id, 'SUCCESS');
    assert.deepEqual(next, { redirect: 'http://127.0.0.1:1/ok' });
    assert.equal(paid.length, 1);
    assert.equal(paid[0]?.autoDeposit, true);
    assert.equal(paid[0]?.gatewayReferenceNumber, 'DGW_7654321_RN');
    assert.equal(paid[0]?.amount, '9.99');
    book.close();
    await recorder.close();
  });

  it('ends an abandoned payment page as FAILURE after 30 minutes on the clock', async () => {
    const recorder = await startConfirmRecorder();
    const { book, clock } = setup();
    const id = sid(book.start(session(recorder.url)).redirectUrl);
    clock.advance(29 * 60_000);
    assert.equal(book.get(id)?.stage, 'choose');
    clock.advance(60_000);
    await recorder.waitFor(1);
    const confirmation = verifyConfirmation(recorder.received[0]!.body, {
      secret: merchant.secret,
    });
    assert.equal(confirmation.paymentState, 'FAILURE');
    assert.equal(book.get(id)?.stage, 'done');
    assert.equal(await book.choose(id, 'SUCCESS'), undefined, 'a finished page takes no outcome');
    book.close();
    await recorder.close();
  });

  it('resolves PENDING by itself with a signed SUCCESS after pendingResolveMs', async () => {
    const recorder = await startConfirmRecorder();
    const { book, clock, paid } = setup({ pendingResolveMs: 5 * 60_000 });
    const id = sid(book.start(session(recorder.url)).redirectUrl);
    const next = await book.choose(id, 'PENDING');
    assert.deepEqual(
      next,
      { redirect: 'http://127.0.0.1:1/ok' },
      'pendingUrl falls back to successUrl',
    );
    assert.equal(paid.length, 0);
    clock.advance(5 * 60_000);
    await recorder.waitFor(2);
    const states = recorder.received.map(
      (confirm) => verifyConfirmation(confirm.body, { secret: merchant.secret }).paymentState,
    );
    assert.deepEqual(states, ['PENDING', 'SUCCESS']);
    assert.equal(paid.length, 1);
    book.close();
    await recorder.close();
  });

  it('declines a declined test card even when Success is chosen', async () => {
    const recorder = await startConfirmRecorder();
    const { book, paid } = setup();
    const id = sid(book.start(session(recorder.url, {}, '4000000000000002')).redirectUrl);
    const next = await book.choose(id, 'SUCCESS');
    assert.deepEqual(next, { redirect: 'http://127.0.0.1:1/ko' });
    const confirmation = verifyConfirmation(recorder.received[0]!.body, {
      secret: merchant.secret,
    });
    assert.equal(confirmation.paymentState, 'FAILURE');
    if (confirmation.paymentState === 'FAILURE')
      assert.equal(confirmation.errors[0]?.errorCode, '20005');
    assert.equal(paid.length, 0);
    book.close();
    await recorder.close();
  });

  it('schedules retries on the emulator clock, not on wall time', async () => {
    const recorder = await startConfirmRecorder(['NOK', 'OK']);
    const { book, clock, entries } = setup();
    const id = sid(book.start(session(recorder.url)).redirectUrl);
    await book.choose(id, 'SUCCESS');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(recorder.received.length, 1, 'no retry before the clock moves');
    clock.advance(60_000);
    await recorder.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const outcomes = entries.filter((e) => e.kind === 'confirm').map((e) => e.details.outcome);
    assert.deepEqual(outcomes, ['OK', 'NOK']);
    book.close();
    await recorder.close();
  });

  it('sends the browser to pendingUrl, else successUrl, and to nothing when a URL is missing', () => {
    const s = 'https://shop.example/s';
    const p = 'https://shop.example/p';
    assert.equal(redirectTarget({ successUrl: s, pendingUrl: p }, 'PENDING'), p);
    assert.equal(redirectTarget({ successUrl: s }, 'PENDING'), s);
    assert.equal(redirectTarget({ successUrl: s }, 'CANCEL'), undefined);
  });
});
