/**
 * Issue 10 item 5: the caps on data storages and payment sessions bound memory. Unfinished
 * sessions count against the cap, the oldest go first (storages: least recently used), an
 * evicted one gets the answer of an unknown one, and what each keeps is bounded whatever the
 * request carried.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { encodeForm } from '@qenta-seamless/server-helpers/protocol';
import { SESSION_REQUEST_FIELDS } from '../src/browser/payments.ts';
import { createEmulator, type Emulator } from '../src/index.ts';
import { dsInitFields, dsReadFields, errorCodes, post, postForm } from './support/api.ts';
import { paymentRequest, signPayment } from './support/frontend.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Known frontend-init names the emulator accepts without a length check, ~60 000 each. */
function fatPayment(): string {
  const big = 'x'.repeat(60_000);
  const fields = paymentRequest({ consumerUserAgent: big });
  const signed = signPayment(fields);
  return encodeForm({
    ...signed,
    browserData: big,
    paymentToken: big,
    consumerDeviceId: big,
    riskConfigAlias: big,
    pluginVersion: big,
    consumerMerchantCrmId: big,
    noScriptInfoUrl: big,
  });
}

describe('caps on storages and sessions', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await createEmulator({ maxStorages: 2, maxPaymentSessions: 2 });
  });
  after(() => emulator.close());

  const startPayment = async () => {
    const answer = await post(
      `${emulator.baseUrl}/frontend/init`,
      encodeForm(signPayment(paymentRequest())),
    );
    assert.deepEqual(errorCodes(answer.fields), []);
    return answer.fields.redirectUrl ?? '';
  };
  const initStorage = async (orderIdent: string) => {
    const answer = await postForm(
      `${emulator.baseUrl}/dataStorage/init`,
      dsInitFields({ orderIdent }),
    );
    return answer.fields.storageId ?? '';
  };
  const read = async (storageId: string) =>
    errorCodes(
      (await postForm(`${emulator.baseUrl}/dataStorage/read`, dsReadFields(storageId))).fields,
    );

  it('evicts the oldest unfinished session and answers its page as an unknown one', async () => {
    const first = await startPayment();
    const second = await startPayment();
    const third = await startPayment();
    const unknown = await fetch(first.replace(/SID=\w+/, `SID=${'z'.repeat(26)}`));
    const evicted = await fetch(first);
    assert.equal(evicted.status, 404);
    assert.equal(await evicted.text(), await unknown.text());
    assert.equal((await fetch(second)).status, 200);
    assert.equal((await fetch(third)).status, 200);
    assert.equal(emulator.payments.usage().sessions, 2);
    const sid = new URL(first).searchParams.get('SID');
    assert.ok(
      emulator.journal
        .entries()
        .some(
          (entry) =>
            entry.kind === 'payment' &&
            entry.details.sessionId === sid &&
            /forgotten/.test(entry.summary),
        ),
    );
  });

  it('evicts the least recently used storage; read then answers 18302', async () => {
    const first = await initStorage('one');
    const second = await initStorage('two');
    assert.deepEqual(await read(first), []); // touches the first: the second is now the oldest
    const third = await initStorage('three');
    assert.deepEqual(await read(second), ['18302']);
    assert.deepEqual(await read(first), []);
    assert.deepEqual(await read(third), []);
  });

  it('keeps only the request fields a session needs, whatever the request carried', async () => {
    const answer = await post(`${emulator.baseUrl}/frontend/init`, fatPayment());
    assert.deepEqual(errorCodes(answer.fields), []);
    const sid = new URL(answer.fields.redirectUrl ?? '').searchParams.get('SID') ?? '';
    const session = emulator.payments.get(sid);
    const allowed = new Set<string>(SESSION_REQUEST_FIELDS);
    for (const name of Object.keys(session?.request ?? {})) assert.ok(allowed.has(name), name);
    assert.ok(
      emulator.payments.usage().bytes < 16 * 1024,
      `${emulator.payments.usage().bytes} bytes`,
    );
  });

  it('clips the display options a storage keeps', async () => {
    const options: Record<string, string> = {};
    for (const name of [
      'creditcardPanPlaceholder',
      'creditcardCvcPlaceholder',
      'googlepaymerchantname',
    ]) {
      options[name] = 'p'.repeat(60_000);
    }
    const answer = await postForm(`${emulator.baseUrl}/dataStorage/init`, {
      ...dsInitFields({ orderIdent: 'fat', javascriptScriptVersion: 'pci3' }),
      ...options,
    });
    const storage = emulator.storages.access(answer.fields.storageId ?? '');
    for (const value of Object.values(storage?.iframeOptions ?? {})) assert.ok(value.length <= 255);
  });
});

describe('memory at the default caps', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await createEmulator();
  });
  after(() => emulator.close());

  it('keeps well under 16 MiB for 60 payment sessions started with ~480 KB requests each', async () => {
    const body = fatPayment();
    await post(`${emulator.baseUrl}/frontend/init`, body);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let index = 0; index < 60; index++) {
      const answer = await post(`${emulator.baseUrl}/frontend/init`, body);
      assert.deepEqual(errorCodes(answer.fields), []);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(grown < 16 * 2 ** 20, `heap grew by ${(grown / 2 ** 20).toFixed(1)} MiB`);
  });
});
