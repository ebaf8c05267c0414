import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createQentaClient, isQentaError } from '@qenta-seamless/server-helpers';
import { manualClock } from '../src/clock.ts';
import { createEmulator, type Emulator } from '../src/index.ts';
import { DEMO } from './support/api.ts';

/** The server-helpers client against the running emulator, for each error class of issue 3. */
describe('server-helpers client against the emulator: error classes', () => {
  const clock = manualClock();
  let emulator: Emulator;
  before(async () => {
    emulator = await createEmulator({ clock });
  });
  after(() => emulator.close());

  const clientFor = (overrides: Record<string, string> = {}) =>
    createQentaClient({
      baseUrl: emulator.baseUrl,
      customerId: DEMO.customerId,
      shopId: DEMO.shopId,
      secret: DEMO.secret,
      backendPassword: DEMO.password,
      retries: 0,
      ...overrides,
    });

  async function gatewayError(promise: Promise<unknown>) {
    const error = await promise.then(
      () => assert.fail('expected an error'),
      (caught: unknown) => caught,
    );
    assert.ok(isQentaError(error, 'GATEWAY_ERROR'), String(error));
    return error;
  }

  const storageInput = {
    orderIdent: 'client-errors',
    returnUrl: 'http://127.0.0.1:9/fallback',
    language: 'de',
  };

  it('reads back what was stored, then an unknown storage id fails with 18302', async () => {
    const client = clientFor();
    const { storageId, javascriptUrl } = await client.dataStorage.init(storageInput);
    assert.ok(javascriptUrl.includes(storageId));
    emulator.storages.attach(storageId, 'SEPA-DD', { accountOwner: 'John Doe' }, {});
    const read = await client.dataStorage.read({ storageId });
    assert.equal(read.storageId, storageId);
    const unknown = await gatewayError(
      client.dataStorage.read({ storageId: 'ffffffffffffffffffffffffffffffff' }),
    );
    assert.equal(unknown.gatewayErrors[0]?.errorCode, '18302');
  });

  it('an expired storage fails with 18302 after 30 minutes without access', async () => {
    const client = clientFor();
    const { storageId } = await client.dataStorage.init(storageInput);
    clock.advance(30 * 60_000);
    const expired = await gatewayError(client.dataStorage.read({ storageId }));
    assert.equal(expired.gatewayErrors[0]?.errorCode, '18302');
    assert.equal(expired.gatewayErrors[0]?.message, 'STORAGEID is invalid.');
  });

  it('an unknown merchant fails with 18500, an unknown shop with 18601', async () => {
    const unknown = await gatewayError(
      clientFor({ customerId: 'D999999' }).dataStorage.init(storageInput),
    );
    assert.equal(unknown.gatewayErrors[0]?.errorCode, '18500');
    const shop = await gatewayError(
      clientFor({ shopId: 'elsewhere' }).dataStorage.init(storageInput),
    );
    assert.equal(shop.gatewayErrors[0]?.errorCode, '18601');
  });

  it('a wrong secret fails with 18506 and the error never carries the secret', async () => {
    const error = await gatewayError(
      clientFor({ secret: 'NOTTHESECRET' }).dataStorage.init(storageInput),
    );
    assert.equal(error.gatewayErrors[0]?.errorCode, '18506');
    assert.ok(!JSON.stringify(error.toJSON()).includes('NOTTHESECRET'));
  });

  it('a wrong backend password fails with 18602 and backend status 1', async () => {
    const error = await gatewayError(
      clientFor({ backendPassword: 'nope' }).backend.getOrderDetails({ orderNumber: '1' }),
    );
    assert.equal(error.gatewayErrors[0]?.errorCode, '18602');
    assert.equal(error.backendStatus, 1);
  });

  it('a path that is no gateway endpoint is an HTTP error, not a gateway error', async () => {
    const client = createQentaClient({
      baseUrl: `${emulator.url}/nowhere`,
      customerId: DEMO.customerId,
      secret: DEMO.secret,
      retries: 0,
    });
    const error = await client.dataStorage.init(storageInput).then(
      () => assert.fail('expected an error'),
      (caught: unknown) => caught,
    );
    assert.ok(isQentaError(error, 'HTTP_ERROR'));
    assert.equal(error.httpStatus, 404);
  });
});
