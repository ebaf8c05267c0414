import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createQentaClient, type PaymentStartInput } from '../src/index.ts';
import { captureError, MERCHANT, SECRET } from './support/errors.ts';
import { type FakeGateway, startGateway } from './support/gateway.ts';

const REDIRECT =
  'https://gw.example/seamless/frontend/D200001qmore_DESKTOP/select.php?SID=ttkbc64otkqk067oca49ft0cr5';
const URLS = {
  successUrl: 'https://shop.example/success',
  cancelUrl: 'https://shop.example/cancel',
  failureUrl: 'https://shop.example/failure',
  serviceUrl: 'https://shop.example/service',
  confirmUrl: 'https://shop.example/confirm',
};
const minimal: PaymentStartInput = {
  language: 'en',
  paymentType: 'CCARD',
  amount: '12.50',
  currency: 'eur',
  orderDescription: 'Order 42',
  ...URLS,
  consumerIpAddress: '203.0.113.7',
  consumerUserAgent: 'Mozilla/5.0 (X11)',
};

describe('payment.start over HTTP', () => {
  let gateway: FakeGateway;
  let reply: string;
  before(async () => {
    gateway = await startGateway(() => reply);
  });
  after(() => gateway.close());
  const client = () => createQentaClient({ ...MERCHANT, secret: SECRET, baseUrl: gateway.baseUrl });

  it('posts frontend/init with every field signed, secret and the order itself in the order', async () => {
    reply = `redirectUrl=${encodeURIComponent(REDIRECT)}`;
    const result = await client().payment.start(minimal);
    assert.deepEqual(result, { redirectUrl: REDIRECT });
    const request = gateway.requests.at(-1);
    assert.ok(request);
    assert.equal(request.path, '/seamless/frontend/init');
    assert.equal(request.headers.connection, 'close');
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
    const order =
      'customerId,shopId,language,paymentType,amount,currency,orderDescription,successUrl,cancelUrl,failureUrl,serviceUrl,confirmUrl,consumerIpAddress,consumerUserAgent,secret,requestFingerprintOrder';
    const values = [
      'D200001',
      'qmore',
      'en',
      'CCARD',
      '12.50',
      'EUR',
      'Order 42',
      ...Object.values(URLS),
      '203.0.113.7',
      'Mozilla/5.0 (X11)',
    ];
    const message = `${values.join('')}${SECRET}${order}`;
    const fingerprint = createHmac('sha512', SECRET).update(message).digest('hex');
    const expected = new URLSearchParams({
      customerId: 'D200001',
      shopId: 'qmore',
      language: 'en',
      paymentType: 'CCARD',
      amount: '12.50',
      currency: 'EUR',
      orderDescription: 'Order 42',
      ...URLS,
      consumerIpAddress: '203.0.113.7',
      consumerUserAgent: 'Mozilla/5.0 (X11)',
      requestFingerprintOrder: order,
      requestFingerprint: fingerprint,
    }).toString();
    assert.equal(request.body, expected);
  });

  it('signs storage, consumer data, basket, windowName and custom parameters too', async () => {
    reply = `redirectUrl=${encodeURIComponent(REDIRECT)}`;
    await client().payment.start({
      ...minimal,
      amount: 24,
      storageId: '10763469b2b8049f6619c914e57faa19',
      orderIdent: 'order123',
      windowName: 'checkoutFrame',
      duplicateRequestCheck: true,
      consumer: { email: 'jane@example.com', billing: { firstname: 'Jane', country: 'AT' } },
      basket: [
        {
          articleNumber: 'A-1',
          quantity: 2,
          name: 'Mug',
          unitGrossAmount: '12.00',
          unitNetAmount: 10,
          unitTaxAmount: '2.00',
          unitTaxRate: 20,
        },
      ],
      customParameters: { shopCartId: 'c-77' },
    });
    const fields = gateway.requests.at(-1)?.fields ?? {};
    const order = (fields.requestFingerprintOrder ?? '').split(',');
    for (const name of [
      'storageId',
      'orderIdent',
      'windowName',
      'duplicateRequestCheck',
      'consumerEmail',
      'consumerBillingFirstname',
      'consumerBillingCountry',
      'basketItems',
      'basketItem1ArticleNumber',
      'basketItem1Quantity',
      'basketItem1UnitNetAmount',
      'basketItem1UnitTaxRate',
      'shopCartId',
    ]) {
      assert.ok(order.includes(name), `${name} is signed`);
    }
    assert.equal(fields.amount, '24');
    assert.equal(fields.duplicateRequestCheck, 'yes');
    assert.equal(fields.basketItems, '1');
    assert.equal(fields.basketItem1UnitNetAmount, '10');
    assert.equal(fields.shopCartId, 'c-77');
    assert.deepEqual(order.slice(-2), ['secret', 'requestFingerprintOrder']);
    // Every sent field except the fingerprint is in the order, and nothing else is.
    const sent = Object.keys(fields).filter((name) => name !== 'requestFingerprint');
    assert.deepEqual([...sent, 'secret'].sort(), [...order].sort());
    const message = order.map((name) => (name === 'secret' ? SECRET : fields[name])).join('');
    assert.equal(
      fields.requestFingerprint,
      createHmac('sha512', SECRET).update(message).digest('hex'),
    );
  });

  it('turns an 18051 answer into GATEWAY_ERROR with the localised consumer message', async () => {
    reply =
      'error.1.errorCode=18051&error.1.message=PAYMENTTYPE+is+invalid.&error.1.consumerMessage=PAYMENTTYPE+ist+ung%26%23252%3Bltig.&errors=1';
    const error = await captureError(() => client().payment.start(minimal), 'GATEWAY_ERROR');
    assert.equal(error.gatewayErrors[0]?.consumerMessage, 'PAYMENTTYPE ist ung&#252;ltig.');
  });

  it('never retries a payment after a network error', async () => {
    const dead = createQentaClient({
      ...MERCHANT,
      secret: SECRET,
      baseUrl: 'http://127.0.0.1:9/seamless',
      retries: 3,
    });
    let calls = 0;
    const counting = createQentaClient({
      ...MERCHANT,
      secret: SECRET,
      retries: 3,
      fetch: async () => {
        calls++;
        throw new TypeError('fetch failed');
      },
    });
    await captureError(() => dead.payment.start(minimal), 'NETWORK_ERROR');
    await captureError(() => counting.payment.start(minimal), 'NETWORK_ERROR');
    assert.equal(calls, 1);
  });

  for (const [title, change, path] of [
    ['an amount with too many decimals for EUR', { amount: '1.005' }, 'amount'],
    ['a fractional JPY amount', { amount: 100.5, currency: 'JPY' }, 'amount'],
    ['a negative amount', { amount: -1 }, 'amount'],
    ['a thousands separator', { amount: '1.000,00' }, 'amount'],
    ['a relative successUrl', { successUrl: '/success' }, 'successUrl'],
    ['a javascript: confirmUrl', { confirmUrl: 'javascript:alert(1)' }, 'confirmUrl'],
    ['a three-letter language', { language: 'eng' }, 'language'],
    ['a currency that is not ISO 4217', { currency: 'EURO' }, 'currency'],
    ['a 256-character orderDescription', { orderDescription: 'x'.repeat(256) }, 'orderDescription'],
    ['a 10-digit orderNumber', { orderNumber: '1234567890' }, 'orderNumber'],
    ['a windowName starting with a digit', { windowName: '1frame' }, 'windowName'],
    ['a windowName that is a JS keyword', { windowName: 'return' }, 'windowName'],
    [
      'a storageId without orderIdent',
      { storageId: '10763469b2b8049f6619c914e57faa19' },
      'orderIdent',
    ],
    [
      'a custom parameter named like a protocol field',
      { customParameters: { Amount: '1' } },
      'customParameters.Amount',
    ],
    [
      'a custom parameter in the consumer family',
      { customParameters: { consumerNote: '1' } },
      'customParameters.consumerNote',
    ],
    ['a custom parameter with a dot', { customParameters: { 'a.b': '1' } }, 'customParameters.a.b'],
    ['a misspelt option', { sucessUrl: 'https://x.example/' }, ''],
    ['a bad consumer IP address', { consumerIpAddress: 'localhost' }, 'consumerIpAddress'],
  ] as const) {
    it(`refuses ${title} before sending, naming the field`, async () => {
      const before = gateway.requests.length;
      const error = await captureError(
        () => client().payment.start({ ...minimal, ...change } as PaymentStartInput),
        'INVALID_INPUT',
      );
      assert.ok(
        error.issues.some((issue) => issue.path === path),
        `issues: ${JSON.stringify(error.issues)}`,
      );
      assert.equal(gateway.requests.length, before);
    });
  }

  it('refuses a value past the 65000-character POST limit with LIMIT_EXCEEDED, unsent', async () => {
    const before = gateway.requests.length;
    const error = await captureError(
      () => client().payment.start({ ...minimal, customParameters: { note: 'x'.repeat(65001) } }),
      'LIMIT_EXCEEDED',
    );
    assert.deepEqual(
      error.issues.map((issue) => issue.path),
      ['note'],
    );
    assert.equal(gateway.requests.length, before);
  });
});
