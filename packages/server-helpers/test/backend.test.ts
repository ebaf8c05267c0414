import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createQentaClient } from '../src/index.ts';
import { captureError, MERCHANT, PASSWORD, SECRET } from './support/errors.ts';
import { type FakeGateway, startGateway } from './support/gateway.ts';

const PREFIX = `D200001qmore${PASSWORD}${SECRET}en`;
const hmac = (message: string) => createHmac('sha512', SECRET).update(message).digest('hex');

interface Case {
  operation: string;
  call: (client: ReturnType<typeof createQentaClient>) => Promise<unknown>;
  /** Wire fields after the common ones, in sending order. */
  fields: Record<string, string>;
  /** The part of the fingerprint message after the prefix. */
  tail: string;
  reply: string;
  result: unknown;
}

const cases: Case[] = [
  {
    operation: 'approveReversal',
    call: (c) => c.backend.approveReversal({ orderNumber: '5472113' }),
    fields: { orderNumber: '5472113' },
    tail: '5472113',
    reply: 'status=0',
    result: { status: 0 },
  },
  {
    operation: 'deposit',
    call: (c) => c.backend.deposit({ orderNumber: '5472113', amount: 10, currency: 'eur' }),
    fields: { orderNumber: '5472113', amount: '10', currency: 'EUR' },
    tail: '547211310EUR',
    reply: 'paymentNumber=23473341&status=0',
    result: { status: 0, paymentNumber: '23473341' },
  },
  {
    operation: 'depositReversal',
    call: (c) => c.backend.depositReversal({ orderNumber: '5472113', paymentNumber: '23473341' }),
    fields: { orderNumber: '5472113', paymentNumber: '23473341' },
    tail: '547211323473341',
    reply: 'status=0',
    result: { status: 0 },
  },
  {
    operation: 'getOrderDetails',
    call: (c) => c.backend.getOrderDetails({ orderNumber: '123456' }),
    fields: { orderNumber: '123456' },
    tail: '123456',
    reply: 'status=0&objectsTotal=0&orders=0',
    result: { status: 0, objectsTotal: 0, orders: [] },
  },
  {
    operation: 'recurPayment',
    call: (c) =>
      c.backend.recurPayment({
        sourceOrderNumber: '23473341',
        autoDeposit: false,
        orderDescription: 'Subscription May',
        amount: '9.90',
        currency: 'EUR',
        customerStatement: 'Shop Id:1',
      }),
    fields: {
      sourceOrderNumber: '23473341',
      autoDeposit: 'no',
      orderDescription: 'Subscription May',
      amount: '9.90',
      currency: 'EUR',
      customerStatement: 'Shop Id:1',
    },
    tail: '23473341noSubscription May9.90EURShop Id:1',
    reply: 'status=0&orderNumber=7654321',
    result: { status: 0, orderNumber: '7654321' },
  },
  {
    operation: 'refund',
    call: (c) => c.backend.refund({ orderNumber: '123456', amount: '1.2', currency: 'USD' }),
    fields: { orderNumber: '123456', amount: '1.2', currency: 'USD' },
    tail: '1234561.2USD',
    reply: 'creditNumber=14949449&status=0',
    result: { status: 0, creditNumber: '14949449' },
  },
  {
    operation: 'refundReversal',
    call: (c) => c.backend.refundReversal({ orderNumber: '123456', creditNumber: '14949449' }),
    fields: { orderNumber: '123456', creditNumber: '14949449' },
    tail: '12345614949449',
    reply: 'status=0',
    result: { status: 0 },
  },
  {
    operation: 'transferFund',
    call: (c) =>
      c.backend.transferFund({
        fundTransferType: 'EXISTINGORDER',
        orderNumber: '123457',
        orderDescription: 'Payout',
        amount: '5.00',
        currency: 'EUR',
        sourceOrderNumber: '123456',
      }),
    fields: {
      fundTransferType: 'EXISTINGORDER',
      orderNumber: '123457',
      orderDescription: 'Payout',
      amount: '5.00',
      currency: 'EUR',
      sourceOrderNumber: '123456',
    },
    tail: '123457Payout5.00EUREXISTINGORDER123456',
    reply: 'status=0&creditNumber=333',
    result: { status: 0, creditNumber: '333' },
  },
  {
    operation: 'getFinancialInstitutions',
    call: (c) =>
      c.backend.getFinancialInstitutions({
        paymentType: 'EPS',
        transactionType: 'ONLINE',
        bankCountry: ['AT', 'DE'],
      }),
    fields: { paymentType: 'EPS', transactionType: 'ONLINE', bankCountry: 'AT,DE' },
    tail: 'EPSONLINEAT,DE',
    reply:
      'status=0&financialInstitutions=2&financialInstitution.1.id=BA-CA&financialInstitution.1.name=Bank+Austria&financialInstitution.2.id=ARZ%7CBTV&financialInstitution.2.name=BTV+Vier+L%C3%A4nder+Bank',
    result: {
      status: 0,
      financialInstitutions: [
        { id: 'BA-CA', name: 'Bank Austria' },
        { id: 'ARZ|BTV', name: 'BTV Vier Länder Bank' },
      ],
    },
  },
  {
    operation: 'generateOrderNumber',
    call: (c) => c.backend.generateOrderNumber(),
    fields: {},
    tail: '',
    reply: 'status=0&orderNumber=1113051',
    result: { status: 0, orderNumber: '1113051' },
  },
];

describe('backend operations over HTTP', () => {
  let gateway: FakeGateway;
  let reply: string;
  before(async () => {
    gateway = await startGateway(() => reply);
  });
  after(() => gateway.close());
  const client = () =>
    createQentaClient({
      ...MERCHANT,
      secret: SECRET,
      backendPassword: PASSWORD,
      baseUrl: gateway.baseUrl,
    });

  for (const c of cases) {
    it(`${c.operation}: sends the exact body, headers and fingerprint and parses the answer`, async () => {
      reply = c.reply;
      const result = await c.call(client());
      assert.deepEqual(result, c.result);
      const request = gateway.requests.at(-1);
      assert.ok(request);
      assert.equal(request.path, `/seamless/backend/${c.operation}`);
      assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(request.headers.connection, 'close');
      assert.ok(request.headers['user-agent']);
      const expected = new URLSearchParams({
        ...c.fields,
        customerId: 'D200001',
        shopId: 'qmore',
        password: PASSWORD,
        language: 'en',
        requestFingerprint: hmac(PREFIX + c.tail),
      }).toString();
      assert.equal(request.body, expected);
    });
  }

  it('matches the D5 refund and D6 getOrderDetails vectors of §9.2', async () => {
    reply = 'creditNumber=1&status=0';
    await client().backend.refund({ orderNumber: '123456', amount: '1.2', currency: 'USD' });
    assert.equal(
      gateway.requests.at(-1)?.fields.requestFingerprint,
      '13dd25a912e95e6bf446d65c43cc447394b5daa36895d5671b97ffa01488816a06d1cd9445aac1f1c0a5a4607705f183e6ca90a476129d90aaa972bfbcddbf5c',
    );
    reply = 'status=0&orders=0&objectsTotal=0';
    await client().backend.getOrderDetails({ orderNumber: '123456' });
    assert.equal(
      gateway.requests.at(-1)?.fields.requestFingerprint,
      '8e87f17c93d54cee0ba37f8d553a418d23546fef6cc08cc48b083cdf5fdcefd09fd388965161abe0344ef12f702a010ce97b9977c2581fdaeaf72be3e0857848',
    );
  });

  for (const [type, extra, tail] of [
    ['SKRILLWALLET', { consumerEmail: 'jane@example.com' }, 'jane@example.com'],
    ['MONETA', { consumerWalletId: 'W-1' }, 'W-1'],
    [
      'SEPA-CT',
      {
        bankAccountOwner: 'Jane Doe',
        bankBic: 'GIBAATWWXXX',
        bankAccountIban: 'AT611904300234573201',
      },
      'Jane DoeGIBAATWWXXXAT611904300234573201',
    ],
  ] as const) {
    it(`transferFund ${type}: signs the type-specific fields after fundTransferType`, async () => {
      reply = 'status=0&creditNumber=9';
      await client().backend.transferFund({
        fundTransferType: type,
        orderDescription: 'Payout',
        amount: '5.00',
        currency: 'EUR',
        ...extra,
      });
      assert.equal(
        gateway.requests.at(-1)?.fields.requestFingerprint,
        hmac(`${PREFIX}Payout5.00EUR${type}${tail}`),
      );
    });
  }

  it('refuses transferFund SEPA-CT without its bank fields, naming each', async () => {
    const error = await captureError(
      () =>
        client().backend.transferFund({
          fundTransferType: 'SEPA-CT',
          orderDescription: 'Payout',
          amount: '5.00',
          currency: 'EUR',
        }),
      'INVALID_INPUT',
    );
    assert.deepEqual(
      error.issues.map((issue) => issue.path),
      ['bankAccountOwner', 'bankBic', 'bankAccountIban'],
    );
  });

  it('signs a deposit basket in the §2.5 order', async () => {
    reply = 'status=0&paymentNumber=1';
    await client().backend.deposit({
      orderNumber: '5472113',
      amount: '12.00',
      currency: 'EUR',
      basket: [
        {
          articleNumber: 'A-1',
          quantity: 1,
          description: 'Blue',
          name: 'Mug',
          unitGrossAmount: '12.00',
          unitNetAmount: '10.00',
          unitTaxAmount: '2.00',
          unitTaxRate: '20',
        },
      ],
    });
    const fields = gateway.requests.at(-1)?.fields ?? {};
    assert.equal(fields.basketItem1Name, 'Mug');
    assert.equal(
      fields.requestFingerprint,
      hmac(`${PREFIX}547211312.00EUR1A-11BlueMug12.0010.002.0020`),
    );
  });

  it('parses getOrderDetails into orders with payments and credits arrays', async () => {
    reply = [
      'status=0&orders=2&objectsTotal=2',
      'order.1.orderNumber=5472113&order.1.state=REFUNDABLE&order.1.amount=10.00&order.1.currency=EUR',
      'order.1.paymentType=VPG&order.1.brand=VISA&order.1.operationsAllowed=REFUND%2CDEPOSIT',
      'order.1.timeCreated=30.07.2015+10%3A52%3A53&order.1.payments=2&order.1.credits=1',
      'payment.1.1.paymentNumber=1&payment.1.1.state=payment_deposited&payment.1.1.depositAmount=4.00',
      'payment.1.2.paymentNumber=2&payment.1.2.state=payment_approved',
      'credit.1.1.creditNumber=77&credit.1.1.state=credit_refunded&credit.1.1.amount=1.00',
      'order.2.orderNumber=1453243&order.2.state=ORDERED&order.2.amount=5&order.2.currency=EUR',
      'order.2.paymentType=PSC&order.2.operationsAllowed=&order.2.payments=0&order.2.credits=0',
    ].join('&');
    const result = await client().backend.getOrderDetails({ orderNumber: '5472113' });
    assert.equal(result.objectsTotal, 2);
    assert.equal(result.orders.length, 2);
    const [first, second] = result.orders;
    assert.equal(first?.orderNumber, '5472113');
    assert.deepEqual(first?.operationsAllowed, ['REFUND', 'DEPOSIT']);
    assert.equal(first?.fields.timeCreated, '30.07.2015 10:52:53');
    assert.deepEqual(
      first?.payments.map((p) => [p.paymentNumber, p.state]),
      [
        ['1', 'payment_deposited'],
        ['2', 'payment_approved'],
      ],
    );
    assert.equal(first?.payments[0]?.depositAmount, '4.00');
    assert.deepEqual(first?.credits, [
      { creditNumber: '77', state: 'credit_refunded', amount: '1.00' },
    ]);
    assert.deepEqual(second?.payments, []);
    assert.deepEqual(second?.credits, []);
    assert.deepEqual(second?.operationsAllowed, []);
  });

  it('turns status=1 with an error block into GATEWAY_ERROR with backendStatus', async () => {
    reply =
      'error.1.errorCode=11011&error.1.message=Order+number+is+missing.&error.1.consumerMessage=Order+number+is+missing.&errors=1&status=1';
    const error = await captureError(
      () => client().backend.approveReversal({ orderNumber: '1' }),
      'GATEWAY_ERROR',
    );
    assert.equal(error.backendStatus, 1);
    assert.equal(error.gatewayErrors[0]?.errorCode, '11011');
  });

  it('turns status=2 without an error block into GATEWAY_ERROR', async () => {
    reply = 'status=2';
    const error = await captureError(
      () => client().backend.deposit({ orderNumber: '1', amount: '1', currency: 'EUR' }),
      'GATEWAY_ERROR',
    );
    assert.equal(error.backendStatus, 2);
  });

  it('refuses an answer without status as INVALID_RESPONSE', async () => {
    reply = 'orderNumber=1';
    await captureError(() => client().backend.generateOrderNumber(), 'INVALID_RESPONSE');
  });

  it('refuses a refund answer without creditNumber as INVALID_RESPONSE', async () => {
    reply = 'status=0';
    await captureError(
      () => client().backend.refund({ orderNumber: '1', amount: '1', currency: 'EUR' }),
      'INVALID_RESPONSE',
    );
  });

  it('refuses backend calls without a backend password, before sending', async () => {
    const before = gateway.requests.length;
    const noPassword = createQentaClient({ ...MERCHANT, secret: SECRET, baseUrl: gateway.baseUrl });
    const error = await captureError(
      () => noPassword.backend.generateOrderNumber(),
      'INVALID_INPUT',
    );
    assert.equal(error.issues[0]?.path, 'backendPassword');
    assert.equal(gateway.requests.length, before);
  });

  it('uses the per-call language in the fingerprint', async () => {
    reply = 'status=0&orderNumber=5';
    await client().backend.generateOrderNumber({ language: 'de' });
    assert.equal(
      gateway.requests.at(-1)?.fields.requestFingerprint,
      hmac(`D200001qmore${PASSWORD}${SECRET}de`),
    );
  });

  it('retries getOrderDetails after network errors but never a refund', async () => {
    reply = 'status=0&orders=0&objectsTotal=0';
    let failuresLeft = 2;
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (failuresLeft-- > 0) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    const c = createQentaClient({
      ...MERCHANT,
      secret: SECRET,
      backendPassword: PASSWORD,
      baseUrl: gateway.baseUrl,
      fetch: flaky,
    });
    const result = await c.backend.getOrderDetails({ orderNumber: '1' });
    assert.equal(result.orders.length, 0);
    assert.equal(calls, 3);
    calls = 0;
    failuresLeft = 1;
    await captureError(
      () => c.backend.refund({ orderNumber: '1', amount: '1', currency: 'EUR' }),
      'NETWORK_ERROR',
    );
    assert.equal(calls, 1);
  });
});
