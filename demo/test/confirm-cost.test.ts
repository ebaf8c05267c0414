import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type NewOrder, openShopDatabase } from '../server/db.ts';
import { UNSIGNED_FIELDS_BUDGET } from '../server/stored-fields.ts';
import { freshDatabase, type TestDatabase } from './database.ts';
import { memoryOf, resetPeak, type ShopProcess, spawnShop } from './instances.ts';

// The demo's share of issue 10's cost test: whatever a body says, the confirm endpoint costs
// time and memory linear in its size. Ratios between sizes, never absolute times, so a slow
// or busy machine does not fail it; a quadratic step (16x per 4x size) still does.
const SIZES = [64 * 1024, 256 * 1024, 1024 * 1024];
/** 4x the size may cost at most this many times the time (linear is 4, quadratic 16). */
const MAX_STEP_RATIO = 10;
/** Below this a median is round-trip noise, not work: ratios are taken from here. */
const FLOOR_MS = 10;
const EXTRA_MEMORY = 64 * 1024 * 1024;

let database: TestDatabase;
let shop: ShopProcess;
const ORDER = 'SO-COST-1';

before(async () => {
  database = await freshDatabase('cost');
  const db = await openShopDatabase(database.location);
  const order: NewOrder = {
    id: ORDER,
    orderIdent: 'oi-cost-1',
    storageId: undefined,
    paymentType: 'PAYPAL',
    anonymised: {},
    lines: [{ productId: 'mug', name: 'Stoneware mug', quantity: 1, unitCents: 1800, taxRate: 20 }],
    discountCode: undefined,
    discountCents: 0,
    shippingCents: 490,
    amountCents: 2290,
    currency: 'EUR',
  };
  await db.createOrder(order);
  await db.close();
  // A heap ceiling makes V8 collect garbage instead of growing lazily, so the peak resident
  // memory shows what a body really needs; an amplification past it still shows (or crashes).
  shop = await spawnShop({ ...database.env, NODE_OPTIONS: '--max-old-space-size=128' });
});
after(async () => {
  await shop?.stop();
  await database?.drop();
});

let nonce = 0;
/** Fills a body up to `size` bytes with `unit`, after a unique head (so no body is a repeat). */
function fill(head: string, unit: string, size: number, tail = ''): string {
  nonce += 1;
  const start = `nonce=${nonce}&${head}`;
  const room = size - start.length - tail.length;
  return start + unit.repeat(Math.floor(room / unit.length)) + tail;
}

/** Adversarial bodies: each aims at one way parsing, verifying or storing could blow up. */
const BODIES: Record<string, (size: number) => string> = {
  'pairs without "="': (size) => fill(`paymentState=CANCEL&shopOrderId=${ORDER}&`, 'a&', size),
  'many distinct fields': (size) =>
    fill(`paymentState=FAILURE&shopOrderId=${ORDER}&`, `f${nonce}x=v&`, size),
  'one huge escaped value': (size) =>
    fill(`paymentState=CANCEL&shopOrderId=${ORDER}&x=`, '%C3%A9', size),
  'one field named over and over in the fingerprint order': (size) =>
    fill(
      `paymentState=SUCCESS&shopOrderId=${ORDER}&big=${'x'.repeat(5000)}&responseFingerprintOrder=`,
      'big,',
      size,
      '&responseFingerprint=00',
    ),
  'unknown order, unsigned junk': (size) =>
    fill('paymentState=SUCCESS&shopOrderId=SO-NOPE&', 'junk=%ZZ&', size),
};

async function post(body: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(`${shop.url}/api/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  await response.text();
  return { ms: performance.now() - started, status: response.status };
}

async function medianMs(make: (size: number) => string, size: number): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < 9; round += 1) {
    const { ms, status } = await post(make(size));
    assert.equal(status, 200);
    if (round >= 2) times.push(ms); // two warm-up rounds
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

describe('confirm endpoint cost', () => {
  it('grows at most linearly with the body, and stays under 64 MiB extra memory', async () => {
    // Warm up every path at the smallest size, then take the memory baseline.
    for (const make of Object.values(BODIES)) await medianMs(make, SIZES[0]!);
    const baseline = memoryOf(shop.pid).now;
    resetPeak(shop.pid);
    const report: string[] = [];
    for (const [name, make] of Object.entries(BODIES)) {
      const times: number[] = [];
      const peakBefore = memoryOf(shop.pid).peak;
      for (const size of SIZES) times.push(await medianMs(make, size));
      report.push(
        `${name}: ${times.map((ms) => ms.toFixed(1)).join(' / ')} ms, peak +${((memoryOf(shop.pid).peak - peakBefore) / 1048576).toFixed(1)} MiB`,
      );
      for (let index = 1; index < times.length; index += 1) {
        const ratio = times[index]! / Math.max(times[index - 1]!, FLOOR_MS);
        assert.ok(
          ratio <= MAX_STEP_RATIO,
          `${name}: ${SIZES[index]! / 1024} KiB took ${ratio.toFixed(1)}x the time of ${SIZES[index - 1]! / 1024} KiB (${times.join(', ')} ms)`,
        );
      }
    }
    const extra = memoryOf(shop.pid).peak - baseline;
    report.push(`peak extra memory: ${(extra / 1024 / 1024).toFixed(1)} MiB`);
    console.log(report.join('\n'));
    assert.ok(extra < EXTRA_MEMORY, `peak extra memory ${extra} bytes`);
  });

  it('stores each junk body clipped, with the size received', async () => {
    // SQLite: the file itself must not grow by the bodies (PostgreSQL: the rows are checked).
    const fileSize = () =>
      [database.dbFile, `${database.dbFile}-wal`]
        .filter((file) => existsSync(file))
        .reduce((sum, file) => sum + statSync(file).size, 0);
    const before = fileSize();
    let last = '';
    for (let round = 0; round < 20; round += 1) {
      last = fill(
        `paymentState=CANCEL&shopOrderId=${ORDER}&`,
        `k${round}=${'v'.repeat(60)}&`,
        1024 * 1024,
      );
      await post(last);
    }
    const db = await openShopDatabase(database.location);
    const confirmations = (await db.confirmationsOf(ORDER)).slice(-20);
    await db.close();
    const stored = confirmations.at(-1)!;
    assert.equal(stored.clipped, true);
    assert.equal(stored.bodyBytes, last.length);
    for (const confirmation of confirmations) {
      assert.ok(JSON.stringify(confirmation.fields).length < UNSIGNED_FIELDS_BUDGET + 1024);
    }
    const grown = fileSize() - before;
    assert.ok(grown < 20 * 32 * 1024, `20 bodies of 1 MiB grew the database by ${grown} bytes`);
  });
});
