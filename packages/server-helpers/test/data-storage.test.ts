import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createQentaClient } from '../src/index.ts';
import { captureError, MERCHANT, SECRET } from './support/errors.ts';
import { type FakeGateway, startGateway } from './support/gateway.ts';

const STORAGE_ID = '10763469b2b8049f6619c914e57faa19';
const JS_URL = `https://gw.example/seamless/dataStorage/js/D200001/qmore/${STORAGE_ID}/dataStorage.js`;

describe('dataStorage over HTTP', () => {
  let gateway: FakeGateway;
  let reply: string;
  before(async () => {
    gateway = await startGateway(() => reply);
  });
  after(() => gateway.close());
  const client = () => createQentaClient({ ...MERCHANT, secret: SECRET, baseUrl: gateway.baseUrl });

  it('sends init with the §1.4 headers, the exact body and the D8 fingerprint', async () => {
    reply = `storageId=${STORAGE_ID}&javascriptUrl=${encodeURIComponent(JS_URL)}`;
    const result = await client().dataStorage.init({
      orderIdent: 'order123',
      returnUrl: 'http://localhost.return.url',
      language: 'en',
      javascriptScriptVersion: 'pci3',
    });
    assert.deepEqual(result, { storageId: STORAGE_ID, javascriptUrl: JS_URL });
    const request = gateway.requests.at(-1);
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/seamless/dataStorage/init');
    // qenta-protocol §9.2 D8.
    const d8 =
      'a528836346c1b5b8ec85a92b886453f28c50a1133209379147109c4b1cabae16949f1c1ec17d5641ea58569447eda015662a3db43b40562d487b24f40e4157a0';
    assert.equal(
      request.body,
      `customerId=D200001&shopId=qmore&orderIdent=order123&returnUrl=http%3A%2F%2Flocalhost.return.url&language=en&javascriptScriptVersion=pci3&requestFingerprint=${d8}`,
    );
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(request.headers.connection, 'close');
    assert.match(request.headers['user-agent'] ?? '', /^qenta-seamless-server-helpers\//);
    assert.equal(request.headers['content-length'], String(Buffer.byteLength(request.body)));
    assert.equal(request.headers.host, new URL(gateway.baseUrl).host);
  });

  it('sends the pci3 styling options unsigned, after the signed fields', async () => {
    reply = `storageId=${STORAGE_ID}&javascriptUrl=${encodeURIComponent(JS_URL)}`;
    await client().dataStorage.init({
      orderIdent: 'order123',
      returnUrl: 'https://shop.example/fallback',
      language: 'de',
      javascriptScriptVersion: 'pci3',
      iframeCssUrl: 'https://shop.example/iframe.css',
      creditcardShowCvcField: false,
      creditcardPanPlaceholder: 'Card number',
    });
    const fields = gateway.requests.at(-1)?.fields ?? {};
    assert.equal(fields.iframeCssUrl, 'https://shop.example/iframe.css');
    assert.equal(fields.creditcardShowCvcField, 'false');
    assert.equal(fields.creditcardPanPlaceholder, 'Card number');
    const message = `D200001qmoreorder123https://shop.example/fallbackdepci3${SECRET}`;
    assert.equal(
      fields.requestFingerprint,
      createHmac('sha512', SECRET).update(message).digest('hex'),
    );
  });

  it('signs with legacy SHA-512 when the merchant uses it (D1)', async () => {
    reply = `storageId=${STORAGE_ID}&javascriptUrl=${encodeURIComponent(JS_URL)}`;
    const legacy = createQentaClient({
      ...MERCHANT,
      secret: SECRET,
      algorithm: 'sha512',
      baseUrl: gateway.baseUrl,
    });
    await legacy.dataStorage.init({
      orderIdent: 'phpunit test',
      returnUrl: 'http://foo.bar.com/library/storageReturn.php',
      language: 'en',
    });
    assert.equal(
      gateway.requests.at(-1)?.fields.requestFingerprint,
      '53aee52087dfca7d8e4e8a67e4e0a48921f22adb01b100d34d849e7dfdcd204dd61e43756a82961dc4aca494f6a1ab40c317a074c1cdeb843b72185707b45399',
    );
  });

  it('turns an init error block (15300) into GATEWAY_ERROR with the gateway details', async () => {
    reply =
      'error.1.errorCode=15300&error.1.message=ORDERIDENT+has+an+invalid+length.&error.1.consumerMessage=ORDERIDENT+has+an+invalid+length.&errors=1';
    const error = await captureError(
      () =>
        client().dataStorage.init({
          orderIdent: 'x',
          returnUrl: 'https://a.example/',
          language: 'en',
        }),
      'GATEWAY_ERROR',
    );
    assert.deepEqual(error.gatewayErrors, [
      {
        errorCode: '15300',
        message: 'ORDERIDENT has an invalid length.',
        consumerMessage: 'ORDERIDENT has an invalid length.',
      },
    ]);
  });

  it('rejects an init answer without storageId as INVALID_RESPONSE', async () => {
    reply = `javascriptUrl=${encodeURIComponent(JS_URL)}`;
    await captureError(
      () =>
        client().dataStorage.init({
          orderIdent: 'x',
          returnUrl: 'https://a.example/',
          language: 'en',
        }),
      'INVALID_RESPONSE',
    );
  });

  it('reads a storage with the D3 fingerprint and returns its payment information as records', async () => {
    reply = `storageId=${STORAGE_ID}&javascriptUrl=${encodeURIComponent(JS_URL)}&paymentInformations=2&paymentInformation.1.paymentType=CCARD&paymentInformation.1.maskedPan=950000******0001&paymentInformation.1.expiry=12%2F2031&paymentInformation.2.paymentType=PBX&paymentInformation.2.payerPayboxNumber=0123456789`;
    const result = await client().dataStorage.read({ storageId: STORAGE_ID });
    assert.deepEqual(result, {
      storageId: STORAGE_ID,
      javascriptUrl: JS_URL,
      paymentInformation: [
        { paymentType: 'CCARD', maskedPan: '950000******0001', expiry: '12/2031' },
        { paymentType: 'PBX', payerPayboxNumber: '0123456789' },
      ],
    });
    const request = gateway.requests.at(-1);
    assert.equal(request?.path, '/seamless/dataStorage/read');
    assert.equal(
      request?.body,
      `customerId=D200001&shopId=qmore&storageId=${STORAGE_ID}&requestFingerprint=a49054e709549fa7c7538da729f4049beb69098051c11229f71fe7c3acbc8bb23b8b37a4f166024160f6b60888196ce6212d65d77131624ba54834afa19d297c`,
    );
  });

  it('reads an empty storage as an empty list', async () => {
    reply = `storageId=${STORAGE_ID}&paymentInformations=0`;
    const result = await client().dataStorage.read({ storageId: STORAGE_ID });
    assert.deepEqual(result, { storageId: STORAGE_ID, paymentInformation: [] });
  });

  it('turns errors=2 on read into one GATEWAY_ERROR listing both', async () => {
    reply =
      'errors=2&error.1.errorCode=11500&error.1.message=CUSTOMERID+is+missing.&error.1.consumerMessage=a&error.2.errorCode=11506&error.2.message=REQUESTFINGERPRINT+is+missing.&error.2.consumerMessage=b&error.2.paySysMessage=p';
    const error = await captureError(
      () => client().dataStorage.read({ storageId: STORAGE_ID }),
      'GATEWAY_ERROR',
    );
    assert.deepEqual(
      error.gatewayErrors.map((e) => e.errorCode),
      ['11500', '11506'],
    );
    assert.equal(error.gatewayErrors[1]?.paySysMessage, 'p');
    assert.match(error.message, /11500 CUSTOMERID is missing\.; 11506/);
  });

  it('refuses a malformed storageId before sending anything', async () => {
    const before = gateway.requests.length;
    const error = await captureError(
      () => client().dataStorage.read({ storageId: 'short' }),
      'INVALID_INPUT',
    );
    assert.deepEqual(
      error.issues.map((issue) => issue.path),
      ['storageId'],
    );
    assert.equal(gateway.requests.length, before);
  });
});
