import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAmount, normalizeCurrency, parseAmount } from '../src/amounts.ts';
import { manualClock } from '../src/clock.ts';
import { gatewayError } from '../src/error-catalog.ts';
import { createEmulator } from '../src/index.ts';
import { createJournal } from '../src/journal.ts';
import { createMerchantRegistry } from '../src/merchants.ts';
import { routedUrl } from '../src/server.ts';
import { createStorageStore } from '../src/storages.ts';
import { dsInitFields, postForm } from './support/api.ts';

const init = {
  customerId: 'D200001',
  shopId: 'qmore',
  orderIdent: 'o',
  returnUrl: 'https://shop.example/r',
  language: 'en',
  javascriptScriptVersion: '' as const,
  iframeOptions: {},
};

describe('manual clock', () => {
  it('fires timers in due order when advanced, and not before', () => {
    const clock = manualClock({ start: 0 });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 200);
    clock.setTimeout(() => fired.push('a'), 100);
    const cancelled = clock.setTimeout(() => fired.push('never'), 150);
    cancelled.cancel();
    clock.advance(99);
    assert.deepEqual(fired, []);
    clock.advance(101);
    assert.deepEqual(fired, ['a', 'b']);
    assert.equal(clock.now(), 200);
    assert.equal(clock.pendingTimers(), 0);
  });

  it('runs timers that a firing timer schedules within the same advance', () => {
    const clock = manualClock({ start: 0 });
    const fired: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now()), 50), 50);
    clock.advance(100);
    assert.deepEqual(fired, [100]);
  });
});

describe('storage store', () => {
  it('expires a storage 30 minutes after the last access and consumes it once', () => {
    const clock = manualClock();
    const storages = createStorageStore({ clock });
    const storage = storages.create(init);
    assert.match(storage.storageId, /^[0-9a-f]{32}$/);
    clock.advance(20 * 60_000);
    assert.ok(storages.access(storage.storageId));
    clock.advance(20 * 60_000);
    assert.equal(storages.status(storage.storageId), 'live');
    clock.advance(10 * 60_000);
    assert.equal(storages.status(storage.storageId), 'expired');
    assert.equal(storages.access(storage.storageId), undefined);
    const other = storages.create(init);
    storages.attach(other.storageId, 'CCARD', { maskedPan: 'x' }, { pan: '9500000000000001' });
    storages.consume(other.storageId);
    assert.equal(storages.status(other.storageId), 'consumed');
    assert.equal(other.sensitive.size, 0, 'card data is dropped once consumed');
    assert.equal(storages.status('nope'), 'unknown');
  });

  it('keeps at most maxStorages, dropping the least recently used', () => {
    const clock = manualClock();
    const storages = createStorageStore({ clock, maxStorages: 3 });
    const [a, b, c] = [storages.create(init), storages.create(init), storages.create(init)];
    storages.access(a.storageId);
    const d = storages.create(init);
    assert.equal(storages.status(b.storageId), 'unknown');
    for (const kept of [a, c, d]) assert.equal(storages.status(kept.storageId), 'live');
  });
});

describe('journal', () => {
  it('keeps the newest entries up to its cap and redacts secret-looking details', () => {
    const journal = createJournal({ clock: manualClock(), maxEntries: 2 });
    for (const n of [1, 2, 3]) journal.record({ kind: 'order', summary: `e${n}`, details: {} });
    assert.deepEqual(
      journal.entries().map((e) => e.summary),
      ['e3', 'e2'],
    );
    const entry = journal.record({
      kind: 'request',
      summary: 's',
      details: { secret: 'x', backendPassword: 'y', requestFingerprint: 'z', orderNumber: '1' },
    });
    assert.deepEqual(entry.details, {
      secret: '[redacted]',
      backendPassword: '[redacted]',
      requestFingerprint: '[redacted]',
      orderNumber: '1',
    });
    const long = journal.record({
      kind: 'request',
      summary: 'x'.repeat(10_000),
      details: { v: 'y'.repeat(10_000) },
    });
    assert.ok(long.summary.length <= 257);
    assert.ok(String(long.details.v).length <= 257);
  });
});

describe('amounts, currencies, errors, merchants, routing', () => {
  it('parses amounts with either separator and the currency’s decimals', () => {
    assert.equal(parseAmount('1,2', 'EUR'), 120);
    assert.equal(parseAmount('100', 'JPY'), 100);
    assert.equal(parseAmount('1.5', 'JPY'), undefined);
    assert.equal(parseAmount('1.234', 'LYD'), 1234);
    assert.equal(parseAmount('1.000,00', 'EUR'), undefined);
    assert.equal(parseAmount('-1', 'EUR'), undefined);
    assert.equal(formatAmount(5, 'EUR'), '0.05');
    assert.equal(normalizeCurrency('978'), 'EUR');
    assert.equal(normalizeCurrency('€'), undefined);
  });

  it('builds the observed error texts and German consumer messages', () => {
    assert.deepEqual(gatewayError('11011', 'en'), {
      errorCode: '11011',
      message: 'Order number is missing.',
      consumerMessage: 'Order number is missing.',
    });
    assert.equal(gatewayError('11009', 'de').consumerMessage, 'Sprache fehlt.');
    assert.equal(gatewayError('18506', 'en').message, 'REQUESTFINGERPRINT is invalid.');
    assert.equal(gatewayError('11500', 'en').message, 'CUSTOMERID is missing.');
    assert.equal(gatewayError('18999', 'en', { parameter: 'FOO' }).message, 'FOO is invalid.');
  });

  it('looks merchants up by shop, custom ones first, and rejects bad definitions', () => {
    const registry = createMerchantRegistry({
      merchants: [{ customerId: 'D200001', secret: 'OVERRIDE', shopIds: ['qmore'] }],
    });
    assert.equal(registry.byShop('D200001', 'qmore')?.secret, 'OVERRIDE');
    assert.equal(registry.byShop('D200001', 'seamless')?.secret, 'B8AKTPWBRMNBV455FG6M2DANE99WU2');
    assert.equal(registry.byShop('D200411', 'seamless3D')?.secret.startsWith('DP4T'), true);
    assert.throws(() => createMerchantRegistry({ merchants: [{ customerId: 'x', secret: 's' }] }), {
      code: 'INVALID_INPUT',
    });
    assert.throws(
      () => createMerchantRegistry({ merchants: [{ customerId: 'D211111', secret: '' }] }),
      (error: Error & { code?: string }) =>
        error.code === 'INVALID_INPUT' && error.message.includes('merchants.0.secret'),
    );
    assert.equal(createMerchantRegistry({ includeDefaults: false }).all().length, 0);
  });

  it('routes /qmore as /seamless and rejects request targets that are not paths', () => {
    assert.equal(
      routedUrl('/qmore/backend/deposit', 'http://h')?.pathname,
      '/seamless/backend/deposit',
    );
    assert.equal(routedUrl('/qmorex/a', 'http://h')?.pathname, '/qmorex/a');
    assert.equal(routedUrl('http://evil/', 'http://h'), undefined);
  });
});

describe('createEmulator options', () => {
  it('rejects bad options with INVALID_INPUT before binding anything', async () => {
    await assert.rejects(createEmulator({ port: 70_000 }), { code: 'INVALID_INPUT' });
    await assert.rejects(createEmulator({ maxBodyBytes: 0 }), { code: 'INVALID_INPUT' });
    await assert.rejects(createEmulator({ publicOrigin: 'not a url' }), { code: 'INVALID_INPUT' });
  });

  it('serves a home page naming the base URL, and uses publicOrigin in answers', async () => {
    const emulator = await createEmulator({ publicOrigin: 'http://emulator.test:8899' });
    try {
      assert.equal(emulator.baseUrl, 'http://emulator.test:8899/seamless');
      const answer = await postForm(
        `${emulator.localUrl}/seamless/dataStorage/init`,
        dsInitFields(),
      );
      assert.ok(answer.fields.javascriptUrl?.startsWith('http://emulator.test:8899/seamless/'));
    } finally {
      await emulator.close();
    }
    const local = await createEmulator();
    try {
      const page = await (await fetch(`${local.url}/`)).text();
      assert.ok(page.includes(`${local.baseUrl}`));
      assert.match(page, /href="\/journal"/);
    } finally {
      await local.close();
    }
  });
});
