import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEmulator, type Emulator } from '@qenta-seamless/emulator';
import { signTestConfirmation } from '@qenta-seamless/server-helpers/testing';
import { type RoundRobin, startRoundRobin } from '../scripts/round-robin.ts';
import { DEMO_ACCOUNT } from '../server/config.ts';
import { openShopDatabase, type ShopDatabase } from '../server/db.ts';
import { freshDatabase, SUITE_DIALECT, type TestDatabase } from './database.ts';
import { type ShopProcess, spawnShop } from './instances.ts';
import { chooseOutcome, startCheckout } from './shopper.ts';

// Two shop backends, each its own process, on one database (one SQLite file, or one PostgreSQL
// database in the suite's PostgreSQL run), behind a round-robin, as a shop that outgrew one
// machine runs them (issue 13).
const OK = '<QPAY-CONFIRMATION-RESPONSE result="OK" />';

let database: TestDatabase;
let emulator: Emulator;
let front: RoundRobin;
let db: ShopDatabase;
const shops: ShopProcess[] = [];
/** Called by the round-robin as it forwards a request; a test sets it to interfere. */
let onForward: (backend: string, path: string) => void = () => {};

function startInstance(): Promise<ShopProcess> {
  return spawnShop({
    ...database.env,
    GATEWAY_URL: emulator.baseUrl,
    SHOP_CONFIRM_URL: `${front.url}/api/confirm`,
  });
}

before(async () => {
  emulator = await createEmulator({
    confirmRetry: { delaysMs: [300, 300, 300], timeoutMs: 5_000 },
  });
  database = await freshDatabase('instances');
  const backends: string[] = [];
  front = await startRoundRobin({
    backends,
    onForward: (backend, request) => onForward(backend, request.url ?? ''),
  });
  // Two instances started at the same instant on a fresh database: both migrate and come up.
  shops.push(...(await Promise.all([startInstance(), startInstance()])));
  backends.push(...shops.map((shop) => shop.url));
  db = await openShopDatabase(database.location);
});
after(async () => {
  await Promise.all(shops.map((shop) => shop.stop()));
  await db?.close();
  await front?.close();
  await emulator?.close();
  await database?.drop();
});

async function pay(): Promise<string> {
  const { orderId, redirectUrl } = await startCheckout(front.url);
  await chooseOutcome(redirectUrl, 'SUCCESS');
  return orderId;
}

async function postConfirm(shopUrl: string, body: string): Promise<string> {
  const response = await fetch(`${shopUrl}/api/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return response.text();
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(`two shop instances on one ${SUITE_DIALECT} database`, () => {
  it('both come up when started at the same instant on a fresh database, and again on it', async () => {
    assert.equal(shops.length, 2);
    for (const shop of shops) {
      assert.equal((await fetch(`${shop.url}/api/health`)).status, 200);
    }
    // Two more at once on the now-migrated database.
    const more = await Promise.all([startInstance(), startInstance()]);
    await Promise.all(more.map((shop) => shop.stop()));
  });

  it('takes confirmations delivered alternately to both, each order paid once', async () => {
    const before = new Map(front.counts);
    const confirmsTo = new Set<string>();
    onForward = (backend, path) => {
      if (path === '/api/confirm') confirmsTo.add(backend);
    };
    const orderIds: string[] = [];
    for (let round = 0; round < 4; round += 1) {
      // A checkout is four requests; one more every other round puts the next confirmation on
      // the other instance.
      if (round % 2 === 1) await fetch(`${front.url}/api/health`);
      orderIds.push(await pay());
    }
    onForward = () => {};
    assert.equal(confirmsTo.size, 2, 'confirmations reached both instances');
    for (const [backend, count] of front.counts) assert.ok(count > (before.get(backend) ?? 0));
    for (const id of orderIds) {
      assert.equal((await db.getOrder(id))?.status, 'paid');
      assert.equal((await db.confirmationsOf(id)).length, 1);
    }
  });

  it('applies one signed confirmation delivered 50 times at once to both exactly once, never NOK', async () => {
    const { orderId } = await startCheckout(front.url);
    const order = (await db.getOrder(orderId))!;
    const body = signTestConfirmation(
      {
        amount: (order.amountCents / 100).toFixed(2),
        currency: order.currency,
        paymentType: 'PAYPAL',
        orderNumber: '4711001',
        paymentState: 'SUCCESS',
        shopOrderId: orderId,
      },
      { secret: DEMO_ACCOUNT.secret },
    );
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => postConfirm(shops[index % 2]!.url, body)),
    );
    assert.deepEqual(new Set(answers), new Set([OK]), 'every delivery answered OK');
    const paid = await db.getOrder(orderId);
    assert.equal(paid?.status, 'paid');
    assert.equal(paid?.gatewayOrderNumber, '4711001');
    const confirmations = await db.confirmationsOf(orderId);
    assert.equal(confirmations.length, 1, 'one applied receipt');
    assert.equal(confirmations[0]?.timesReceived, 50);
  });

  it('loses nothing of 50 concurrent checkouts split across both', async () => {
    const orderIds = await Promise.all(Array.from({ length: 50 }, () => pay()));
    assert.equal(new Set(orderIds).size, 50);
    for (const id of orderIds) {
      assert.equal((await db.getOrder(id))?.status, 'paid', id);
      assert.equal((await db.confirmationsOf(id)).length, 1, id);
    }
  });

  it('refuses the second of two concurrent full refunds on two instances before the gateway', async () => {
    // Three rounds: a race the shop loses only sometimes must still show.
    for (let round = 0; round < 3; round += 1) await refundRace();
  });

  async function refundRace() {
    const orderId = await pay();
    const deposit = await fetch(`${shops[0]!.url}/api/orders/${orderId}/deposit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(deposit.status, 200);
    const refunds = await Promise.all(
      shops.map((shop) =>
        fetch(`${shop.url}/api/orders/${orderId}/refund`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
      ),
    );
    const statuses = refunds.map((response) => response.status).sort();
    assert.equal(statuses[0], 200, 'one refund succeeds');
    assert.ok(statuses[1]! >= 400 && statuses[1]! < 500, `the other is refused: ${statuses[1]}`);
    const order = (await db.getOrder(orderId))!;
    assert.equal(order.refundedCents, order.amountCents);
    assert.equal(order.refundPendingCents, 0);
    const atGateway = emulator.orders.find(DEMO_ACCOUNT.customerId, order.gatewayOrderNumber!);
    assert.equal(atGateway?.credits.length, 1, 'only one refund reached the gateway');
    assert.equal(
      (await db.operationsOf(orderId)).filter((op) => op.operation === 'refund').length,
      1,
    );
  }

  it('pays exactly once when an instance is killed during delivery and the retry lands on the other', async () => {
    const { orderId, redirectUrl } = await startCheckout(front.url);
    // Whichever instance the first delivery reaches dies while it holds it (SIGKILL: no
    // answer, maybe stored, maybe not); the gateway's retry goes to the other one.
    let victim: ShopProcess | undefined;
    onForward = (backend, path) => {
      if (path !== '/api/confirm' || victim) return;
      victim = shops.find((shop) => shop.url === backend);
      victim?.child.kill('SIGKILL');
    };
    await chooseOutcome(redirectUrl, 'SUCCESS');
    await eventually(
      async () => (await db.getOrder(orderId))?.status === 'paid',
      'the retried confirm',
    );
    onForward = () => {};
    const confirmations = await db.confirmationsOf(orderId);
    assert.equal(confirmations.length, 1, 'one applied receipt');
    assert.equal(confirmations[0]?.verified, true);
    // Later retry slots pass without a second receipt.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal((await db.confirmationsOf(orderId)).length, 1);
    assert.ok(victim, 'an instance was killed during delivery');
    const index = shops.indexOf(victim);
    await victim.kill();
    shops[index] = await spawnShop({
      ...database.env,
      GATEWAY_URL: emulator.baseUrl,
      SHOP_CONFIRM_URL: `${front.url}/api/confirm`,
      SHOP_PORT: new URL(victim.url).port,
    });
  });
});
