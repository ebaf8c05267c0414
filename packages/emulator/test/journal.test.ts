import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createQentaClient,
  type QentaClient,
  verifyConfirmation,
} from '@qenta-seamless/server-helpers';
import { browserRoutes } from '../src/browser/routes.ts';
import type { EmulatorContext } from '../src/context.ts';
import { createEmulator, type Emulator } from '../src/index.ts';
import { journalRoutes } from '../src/journal-page.ts';
import { DEMO } from './support/api.ts';
import { type ConfirmRecorder, startConfirmRecorder } from './support/confirm-recorder.ts';

describe('journal pages', () => {
  let emulator: Emulator;
  let client: QentaClient;
  let recorder: ConfirmRecorder;
  before(async () => {
    emulator = await createEmulator({ confirmRetry: { delaysMs: [], timeoutMs: 2_000 } });
    recorder = await startConfirmRecorder();
    client = createQentaClient({
      baseUrl: emulator.baseUrl,
      customerId: DEMO.customerId,
      shopId: DEMO.shopId,
      secret: DEMO.secret,
      retries: 0,
    });
  });
  after(async () => {
    await emulator.close();
    await recorder.close();
  });

  function start(orderDescription: string) {
    return client.payment.start({
      language: 'en',
      paymentType: 'PAYPAL',
      amount: '9.99',
      currency: 'EUR',
      orderDescription,
      successUrl: 'http://127.0.0.1:9/success',
      cancelUrl: 'http://127.0.0.1:9/cancel',
      failureUrl: 'http://127.0.0.1:9/failure',
      serviceUrl: 'http://127.0.0.1:9/service',
      pendingUrl: 'http://127.0.0.1:9/pending',
      confirmUrl: recorder.url,
      consumerIpAddress: '203.0.113.7',
      consumerUserAgent: 'node-test',
    });
  }

  it('shows a PENDING payment with resolve buttons that send the second, signed confirm', async () => {
    const { redirectUrl } = await start('Pending order');
    const chosen = await fetch(redirectUrl, {
      method: 'POST',
      body: 'step=outcome&outcome=PENDING',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    assert.equal(chosen.status, 303);
    assert.equal(chosen.headers.get('location'), 'http://127.0.0.1:9/pending');
    const sid = new URL(redirectUrl).searchParams.get('SID') ?? '';
    const page = await (await fetch(`${emulator.url}/journal/payments`)).text();
    assert.match(page, new RegExp(`action="/journal/payments/${sid}/resolve"`));
    assert.match(page, /Resolve SUCCESS/);

    const resolved = await fetch(`${emulator.url}/journal/payments/${sid}/resolve`, {
      method: 'POST',
      body: 'state=SUCCESS',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      redirect: 'manual',
    });
    assert.equal(resolved.status, 303);
    assert.equal(resolved.headers.get('location'), '/journal/payments');
    await recorder.waitFor(2);
    const states = recorder.bodies.map(
      (body) => verifyConfirmation(body, { secret: DEMO.secret }).paymentState,
    );
    assert.deepEqual(states, ['PENDING', 'SUCCESS']);
    const after = await (await fetch(`${emulator.url}/journal/payments`)).text();
    assert.doesNotMatch(after, new RegExp(`/journal/payments/${sid}/resolve`));
  });

  it('has one payments page: a single route answers GET /journal/payments (issue 11)', () => {
    // The routes only read the context when a request comes in.
    const ctx = {} as EmulatorContext;
    const routes = [...journalRoutes(ctx), ...browserRoutes(ctx)];
    const pages = routes.filter(
      (route) => route.method === 'GET' && route.path.test('/journal/payments'),
    );
    assert.equal(pages.length, 1);
  });

  it('lists entries newest first on the page and in JSON, with HTML escaped', async () => {
    await start('<script>alert(1)</script>');
    const entries = (await (await fetch(`${emulator.url}/journal.json`)).json()) as {
      id: number;
    }[];
    const ids = entries.map((entry) => entry.id);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
    );
    const response = await fetch(`${emulator.url}/journal`);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const html = await response.text();
    assert.doesNotMatch(html, /<script>/);
    const rowIds = [...html.matchAll(/<tr class="kind-[a-z]+"><td>(\d+)<\/td>/g)].map((m) =>
      Number(m[1]),
    );
    assert.equal(rowIds[0], Math.max(...rowIds));
    assert.ok(rowIds.length >= 5);
  });

  it('never shows secrets, passwords, fingerprints or card numbers', async () => {
    const storage = await client.dataStorage.init({
      orderIdent: 'journal-ident',
      returnUrl: 'http://127.0.0.1:9/fallback',
      language: 'en',
    });
    emulator.storages.attach(
      storage.storageId,
      'CCARD',
      { maskedPan: '950000******0001' },
      {
        pan: '9500000000000001',
        cardverifycode: '123',
      },
    );
    emulator.journal.record({
      kind: 'storage',
      summary: 'a careless caller',
      details: { password: 'jcv45z', requestFingerprint: 'abc', pan: '9500000000000001' },
    });
    const text =
      (await (await fetch(`${emulator.url}/journal.json`)).text()) +
      (await (await fetch(`${emulator.url}/journal`)).text());
    for (const secret of [DEMO.secret, DEMO.password, '9500000000000001']) {
      assert.ok(!text.includes(secret), 'journal leaks a secret value');
    }
    for (const body of recorder.bodies) {
      const fingerprint = new URLSearchParams(body).get('responseFingerprint') ?? 'none';
      assert.ok(!text.includes(fingerprint));
    }
  });
});
