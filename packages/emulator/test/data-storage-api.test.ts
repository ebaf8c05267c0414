import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { indexedRecords } from '@qenta-seamless/server-helpers/protocol';
import { manualClock } from '../src/clock.ts';
import { createEmulator, type Emulator } from '../src/index.ts';
import {
  DEMO,
  dsInitFields,
  dsReadFields,
  errorCodes,
  post,
  postForm,
  sign,
} from './support/api.ts';

describe('data storage init and read over HTTP', () => {
  const clock = manualClock();
  let emulator: Emulator;
  before(async () => {
    emulator = await createEmulator({
      clock,
      merchants: [
        { customerId: 'D299999', secret: 'LEGACYSECRET', algorithm: 'sha512', shopIds: ['legacy'] },
      ],
    });
  });
  after(() => emulator.close());

  it('creates a storage and answers a 32-hex storageId and its javascriptUrl', async () => {
    const answer = await postForm(`${emulator.baseUrl}/dataStorage/init`, dsInitFields());
    assert.equal(answer.status, 200);
    assert.match(answer.fields.storageId ?? '', /^[0-9a-f]{32}$/);
    assert.equal(
      answer.fields.javascriptUrl,
      `${emulator.baseUrl}/dataStorage/js/D200001/qmore/${answer.fields.storageId}/dataStorage.js`,
    );
    assert.match(answer.text, /javascriptUrl=http%3A%2F%2F127\.0\.0\.1/);
  });

  it('accepts the /qmore alias and case-insensitive parameter names', async () => {
    const fields = dsInitFields();
    const renamed = Object.fromEntries(
      Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const answer = await postForm(`${emulator.url}/qmore/dataStorage/init`, renamed);
    assert.deepEqual(errorCodes(answer.fields), []);
    assert.match(answer.fields.storageId ?? '', /^[0-9a-f]{32}$/);
  });

  it('answers 18506 for a wrong fingerprint and never echoes the secret', async () => {
    const fields = { ...dsInitFields(), orderIdent: 'tampered' };
    const answer = await postForm(`${emulator.baseUrl}/dataStorage/init`, fields);
    assert.equal(answer.status, 200);
    assert.deepEqual(errorCodes(answer.fields), ['18506']);
    assert.equal(answer.fields['error.1.message'], 'REQUESTFINGERPRINT is invalid.');
    assert.equal(answer.fields.storageId, undefined);
    assert.ok(!answer.text.includes(DEMO.secret));
  });

  it('answers 11500 without customerId, 11506 without fingerprint, 18500 for an unknown one', async () => {
    const url = `${emulator.baseUrl}/dataStorage/init`;
    const { customerId: _c, ...noCustomer } = dsInitFields();
    assert.deepEqual(errorCodes((await postForm(url, noCustomer)).fields), ['11500']);
    const { requestFingerprint: _f, ...unsigned } = dsInitFields();
    assert.deepEqual(errorCodes((await postForm(url, unsigned)).fields), ['11506']);
    const unknown = await postForm(url, { ...dsInitFields(), customerId: 'D999999' });
    assert.deepEqual(errorCodes(unknown.fields), ['18500']);
    const wrongShop = await postForm(url, dsInitFields({ shopId: 'nosuchshop' }));
    assert.deepEqual(errorCodes(wrongShop.fields), ['18601']);
  });

  it('answers 15300 for an empty orderIdent (as captured) and localises the consumer text', async () => {
    const answer = await postForm(
      `${emulator.baseUrl}/dataStorage/init`,
      dsInitFields({ orderIdent: '', language: 'de' }),
    );
    assert.deepEqual(errorCodes(answer.fields), ['15300']);
    assert.equal(answer.fields['error.1.message'], 'ORDERIDENT has an invalid length.');
    assert.equal(
      answer.fields['error.1.consumerMessage'],
      'ORDERIDENT hat eine ung&#252;ltige L&#228;nge.',
    );
  });

  it('reports every invalid parameter of an init at once', async () => {
    const answer = await postForm(
      `${emulator.baseUrl}/dataStorage/init`,
      dsInitFields({ returnUrl: 'not a url', javascriptScriptVersion: 'pci9' }),
    );
    assert.deepEqual(errorCodes(answer.fields), ['18604', '18605']);
    assert.equal(answer.fields.errors, '2');
  });

  it('verifies the legacy SHA-512 fingerprint of a merchant configured for it', async () => {
    const fields = sign(
      {
        customerId: 'D299999',
        shopId: 'legacy',
        orderIdent: 'o1',
        returnUrl: 'https://shop.example/return',
        language: 'en',
        javascriptScriptVersion: 'pci3',
      },
      [
        'customerId',
        'shopId',
        'orderIdent',
        'returnUrl',
        'language',
        'javascriptScriptVersion',
        'secret',
      ],
      'LEGACYSECRET',
      'sha512',
    );
    const answer = await postForm(`${emulator.baseUrl}/dataStorage/init`, fields);
    assert.match(answer.fields.storageId ?? '', /^[0-9a-f]{32}$/);
    const hmac = sign(
      { ...fields, requestFingerprint: '' },
      [
        'customerId',
        'shopId',
        'orderIdent',
        'returnUrl',
        'language',
        'javascriptScriptVersion',
        'secret',
      ],
      'LEGACYSECRET',
    );
    assert.deepEqual(
      errorCodes((await postForm(`${emulator.baseUrl}/dataStorage/init`, hmac)).fields),
      ['18506'],
    );
  });

  it('reads an empty storage as paymentInformations=0 and stored data per payment type', async () => {
    const init = await postForm(`${emulator.baseUrl}/dataStorage/init`, dsInitFields());
    const storageId = init.fields.storageId ?? '';
    const empty = await postForm(`${emulator.baseUrl}/dataStorage/read`, dsReadFields(storageId));
    assert.equal(empty.fields.storageId, storageId);
    assert.equal(empty.fields.paymentInformations, '0');
    emulator.storages.attach(
      storageId,
      'CCARD',
      { maskedPan: '950000******0001', brand: 'MasterCard', expiry: '12/2031' },
      { pan: '9500000000000001' },
    );
    const read = await postForm(`${emulator.baseUrl}/dataStorage/read`, dsReadFields(storageId));
    assert.equal(read.fields.paymentInformations, '1');
    assert.deepEqual(indexedRecords(read.fields, 'paymentInformation'), [
      {
        paymentType: 'CCARD',
        maskedPan: '950000******0001',
        brand: 'MasterCard',
        expiry: '12/2031',
      },
    ]);
    assert.ok(!read.text.includes('9500000000000001'));
  });

  it('answers 11302 without storageId and 18302 for unknown, foreign or expired storages', async () => {
    const url = `${emulator.baseUrl}/dataStorage/read`;
    const missing = await postForm(
      url,
      sign({ customerId: DEMO.customerId, shopId: 'qmore' }, [
        'customerId',
        'shopId',
        'storageId',
        'secret',
      ]),
    );
    assert.deepEqual(errorCodes(missing.fields), ['11302']);
    const unknown = await postForm(url, dsReadFields('0123456789abcdef0123456789abcdef'));
    assert.deepEqual(errorCodes(unknown.fields), ['18302']);
    const init = await postForm(`${emulator.baseUrl}/dataStorage/init`, dsInitFields());
    const storageId = init.fields.storageId ?? '';
    const foreign = await postForm(url, dsReadFields(storageId, 'seamless'));
    assert.deepEqual(errorCodes(foreign.fields), ['18302']);
    clock.advance(29 * 60_000);
    const stillLive = await postForm(url, dsReadFields(storageId));
    assert.equal(stillLive.fields.storageId, storageId, 'a read within 30 minutes works');
    clock.advance(29 * 60_000);
    const extended = await postForm(url, dsReadFields(storageId));
    assert.equal(extended.fields.storageId, storageId, 'the previous read extended the lifetime');
    clock.advance(30 * 60_000);
    const expired = await postForm(url, dsReadFields(storageId));
    assert.deepEqual(errorCodes(expired.fields), ['18302']);
  });
});

describe('transport-level faults', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await createEmulator({ maxBodyBytes: 4096 });
  });
  after(() => emulator.close());

  it('answers 403 to a POST without the form content type', async () => {
    const answer = await post(`${emulator.baseUrl}/dataStorage/init`, 'customerId=D200001', {
      'content-type': 'application/json',
    });
    assert.equal(answer.status, 403);
  });

  it('answers 413 to a body over the cap and keeps serving', async () => {
    const answer = await post(`${emulator.baseUrl}/dataStorage/init`, `a=${'x'.repeat(10_000)}`);
    assert.equal(answer.status, 413);
    const next = await postForm(`${emulator.baseUrl}/dataStorage/init`, dsInitFields());
    assert.match(next.fields.storageId ?? '', /^[0-9a-f]{32}$/);
  });

  it('answers 404 for unknown paths and 405 for a known path with another method', async () => {
    assert.equal((await fetch(`${emulator.baseUrl}/nothing/here`)).status, 404);
    const get = await fetch(`${emulator.baseUrl}/dataStorage/init`);
    assert.equal(get.status, 405);
    assert.match(get.headers.get('allow') ?? '', /POST/);
  });

  it('refuses a parameter name over 64 characters, and repeated names, with an error block', async () => {
    const long = await postForm(`${emulator.baseUrl}/dataStorage/init`, {
      ...dsInitFields(),
      ['n'.repeat(65)]: 'x',
    });
    assert.deepEqual(errorCodes(long.fields), ['15626']);
    const repeated = await post(
      `${emulator.baseUrl}/dataStorage/init`,
      `${new URLSearchParams(dsInitFields()).toString()}&orderIdent=again`,
    );
    assert.deepEqual(errorCodes(repeated.fields), ['18626']);
  });

  it('survives malformed percent-encoding and binary garbage', async () => {
    const garbage = await post(`${emulator.baseUrl}/dataStorage/init`, '%E0%A4%A&&==&%%%\u0000');
    assert.equal(garbage.status, 200);
    assert.deepEqual(errorCodes(garbage.fields), ['11500']);
    const next = await postForm(`${emulator.baseUrl}/dataStorage/init`, dsInitFields());
    assert.match(next.fields.storageId ?? '', /^[0-9a-f]{32}$/);
  });

  it('journals requests without secrets or fingerprints', async () => {
    const fields = dsInitFields();
    await postForm(`${emulator.baseUrl}/dataStorage/init`, fields);
    const journal = await (await fetch(`${emulator.url}/journal.json`)).text();
    assert.match(journal, /dataStorage\/init/);
    assert.ok(!journal.includes(DEMO.secret));
    assert.ok(!journal.includes(fields.requestFingerprint ?? 'x'));
  });
});
