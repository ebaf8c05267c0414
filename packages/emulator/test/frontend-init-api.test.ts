import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createQentaClient, isQentaError, type QentaClient } from '@qenta-seamless/server-helpers';
import { createEmulator, type Emulator } from '../src/index.ts';
import { DEMO, errorCodes, post, postForm } from './support/api.ts';
import { paymentRequest, signPayment } from './support/frontend.ts';

const URLS = {
  successUrl: 'http://127.0.0.1:9/success',
  cancelUrl: 'http://127.0.0.1:9/cancel',
  failureUrl: 'http://127.0.0.1:9/failure',
  serviceUrl: 'http://127.0.0.1:9/service',
  confirmUrl: 'http://127.0.0.1:9/confirm',
};

function start(overrides: Record<string, unknown> = {}) {
  return {
    language: 'en',
    paymentType: 'PAYPAL',
    amount: '12.50',
    currency: 'EUR',
    orderDescription: 'Order 42',
    ...URLS,
    consumerIpAddress: '203.0.113.7',
    consumerUserAgent: 'node-test',
    ...overrides,
  };
}

async function gatewayCodes(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (isQentaError(error, 'GATEWAY_ERROR')) return error.gatewayErrors.map((e) => e.errorCode);
    throw error;
  }
  assert.fail('expected a gateway error');
}

describe('frontend init over HTTP', () => {
  let emulator: Emulator;
  let client: QentaClient;
  let url: string;
  before(async () => {
    emulator = await createEmulator({
      merchants: [{ customerId: 'D288888', secret: 'EURONLY', shopIds: ['s'] }],
    });
    client = createQentaClient({
      baseUrl: emulator.baseUrl,
      customerId: DEMO.customerId,
      shopId: DEMO.shopId,
      secret: DEMO.secret,
      backendPassword: DEMO.password,
      retries: 0,
    });
    url = `${emulator.baseUrl}/frontend/init`;
  });
  after(() => emulator.close());

  it('answers a redirectUrl to an emulator payment page for a redirect payment type', async () => {
    const { redirectUrl } = await client.payment.start(
      start({ customParameters: { shopOrderId: 'A-17' } }),
    );
    const match =
      /\/seamless\/frontend\/D200001qmore_DESKTOP\/select\.php\?SID=([a-z0-9]{26})$/.exec(
        redirectUrl,
      );
    assert.ok(match, redirectUrl);
    assert.ok(redirectUrl.startsWith(emulator.baseUrl));
    const session = emulator.payments.get(match[1] ?? '');
    assert.equal(session?.request.paymentType, 'PAYPAL');
    assert.deepEqual(session?.customParameters, { shopOrderId: 'A-17' });
    assert.match(session?.orderNumber ?? '', /^\d{1,9}$/);
    const page = await fetch(redirectUrl);
    assert.equal(page.status, 200);
  });

  it('consumes the data storage: a second init with the same storage gets 18302', async () => {
    const storage = await client.dataStorage.init({
      orderIdent: 'ident-1',
      returnUrl: 'http://127.0.0.1:9/fallback',
      language: 'en',
    });
    emulator.storages.attach(
      storage.storageId,
      'CCARD',
      { maskedPan: '950000******0001' },
      {
        pan: '9500000000000001',
      },
    );
    const card = start({
      paymentType: 'CCARD',
      storageId: storage.storageId,
      orderIdent: 'ident-1',
    });
    const { redirectUrl } = await client.payment.start(card);
    const sid = new URL(redirectUrl).searchParams.get('SID') ?? '';
    assert.equal(emulator.payments.get(sid)?.paymentInformation?.maskedPan, '950000******0001');
    assert.equal(emulator.storages.status(storage.storageId), 'consumed');
    assert.deepEqual(await gatewayCodes(client.payment.start(card)), ['18302']);
  });

  it('needs storageId and orderIdent of a live storage with data for a data-storage type', async () => {
    const raw = await postForm(url, signPayment(paymentRequest({ paymentType: 'CCARD' })));
    assert.deepEqual(errorCodes(raw.fields), ['11302', '11300']);
    const storage = await client.dataStorage.init({
      orderIdent: 'ident-2',
      returnUrl: 'http://127.0.0.1:9/fallback',
      language: 'en',
    });
    const empty = start({
      paymentType: 'SEPA-DD',
      storageId: storage.storageId,
      orderIdent: 'ident-2',
    });
    assert.deepEqual(await gatewayCodes(client.payment.start(empty)), ['11625']);
    const other = { ...empty, orderIdent: 'ident-other' };
    assert.deepEqual(await gatewayCodes(client.payment.start(other)), ['18300']);
  });

  it('answers the documented "missing" codes for absent mandatory parameters', async () => {
    const fields = paymentRequest({
      amount: undefined,
      currency: undefined,
      orderDescription: undefined,
      consumerIpAddress: undefined,
      consumerUserAgent: undefined,
      paymentType: undefined,
    });
    const answer = await postForm(url, signPayment(fields));
    assert.deepEqual(errorCodes(answer.fields), [
      '11051',
      '11017',
      '11019',
      '11020',
      '11146',
      '11130',
    ]);
    assert.equal(answer.fields['error.1.message'], 'PAYMENTTYPE is missing.');
    assert.equal(answer.fields['error.5.message'], 'IP-Address is missing.');
  });

  it('answers 18051 with a German consumer text for an unknown payment type', async () => {
    const answer = await postForm(
      url,
      signPayment(paymentRequest({ paymentType: 'BITCOIN', language: 'de' })),
    );
    assert.deepEqual(errorCodes(answer.fields), ['18051']);
    assert.equal(answer.fields['error.1.message'], 'PAYMENTTYPE is invalid.');
    assert.equal(answer.fields['error.1.consumerMessage'], 'PAYMENTTYPE ist ung&#252;ltig.');
  });

  it('refuses a fingerprint order without secret or itself, or one that leaves a required parameter unsigned', async () => {
    const fields = paymentRequest();
    const noSecret = signPayment(fields, {
      order: [...Object.keys(fields), 'requestFingerprintOrder'],
    });
    assert.deepEqual(errorCodes((await postForm(url, noSecret)).fields), ['18603']);
    const noSelf = signPayment(fields, { order: [...Object.keys(fields), 'secret'] });
    assert.deepEqual(errorCodes((await postForm(url, noSelf)).fields), ['18603']);
    const { amount, ...withoutAmount } = fields;
    const amountUnsigned = signPayment(withoutAmount, { unsigned: { amount: amount ?? '' } });
    assert.deepEqual(errorCodes((await postForm(url, amountUnsigned)).fields), ['18603']);
    const { confirmUrl, ...withoutConfirm } = fields;
    const confirmUnsigned = signPayment(withoutConfirm, {
      unsigned: { confirmUrl: confirmUrl ?? '' },
    });
    assert.deepEqual(errorCodes((await postForm(url, confirmUnsigned)).fields), ['18603']);
    const noOrder = { ...signPayment(fields) };
    delete (noOrder as Record<string, string | undefined>).requestFingerprintOrder;
    assert.deepEqual(errorCodes((await postForm(url, noOrder)).fields), ['11603']);
  });

  it('accepts what the official example shop leaves unsigned and journals it', async () => {
    // qcs-example-php frontend/init.php signs neither paymentType, cancelUrl, failureUrl,
    // serviceUrl nor windowName, and posts its values without URL-encoding them.
    const { paymentType, cancelUrl, failureUrl, serviceUrl, ...signed } = paymentRequest({
      orderDescription: 'Jane Doe (33562), Order: 5343643-034',
    });
    const body = Object.entries(
      signPayment(signed, {
        unsigned: {
          paymentType: paymentType ?? '',
          cancelUrl: cancelUrl ?? '',
          failureUrl: failureUrl ?? '',
          serviceUrl: serviceUrl ?? '',
          windowName: 'qenta_checkout',
        },
      }),
    )
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
    const answer = await post(url, body);
    assert.deepEqual(errorCodes(answer.fields), []);
    assert.match(answer.fields.redirectUrl ?? '', /select\.php\?SID=/);
    const entry = emulator.journal.entries().find((e) => e.summary === 'POST frontend/init: OK');
    assert.deepEqual(entry?.details.unsigned, [
      'paymentType',
      'cancelUrl',
      'failureUrl',
      'serviceUrl',
      'windowName',
    ]);
  });

  it('answers 18506 when a signed value was changed on the way', async () => {
    const tampered = { ...signPayment(paymentRequest()), amount: '1.00' };
    assert.deepEqual(errorCodes((await postForm(url, tampered)).fields), ['18506']);
  });

  it('accepts only reserved, unused order numbers', async () => {
    const orderNumber = emulator.orders.reserveOrderNumber(DEMO.customerId);
    await client.payment.start(start({ orderNumber }));
    assert.deepEqual(await gatewayCodes(client.payment.start(start({ orderNumber }))), ['13011']);
    assert.deepEqual(
      await gatewayCodes(client.payment.start(start({ orderNumber: '999999999' }))),
      ['18011'],
    );
  });

  it('refuses an identical request the second time with duplicateRequestCheck', async () => {
    const request = start({ duplicateRequestCheck: true, orderDescription: 'dup check' });
    await client.payment.start(request);
    assert.deepEqual(await gatewayCodes(client.payment.start(request)), ['13613']);
    await client.payment.start({ ...request, amount: '12.51' });
  });

  it('checks amount decimals and the merchant currencies (numeric codes accepted)', async () => {
    // The client refuses it before sending; the raw request shows the gateway's answer.
    await assert.rejects(client.payment.start(start({ amount: '1.234' })), {
      code: 'INVALID_INPUT',
    });
    const raw = await postForm(url, signPayment(paymentRequest({ amount: '1.234' })));
    assert.deepEqual(errorCodes(raw.fields), ['18017']);
    const numeric = await postForm(url, signPayment(paymentRequest({ currency: '978' })));
    assert.deepEqual(errorCodes(numeric.fields), []);
    const usdOnlyEur = await postForm(
      url,
      signPayment(paymentRequest({ customerId: 'D288888', shopId: 's', currency: 'USD' }), {
        secret: 'EURONLY',
      }),
    );
    assert.deepEqual(errorCodes(usdOnlyEur.fields), ['18019']);
  });
});
