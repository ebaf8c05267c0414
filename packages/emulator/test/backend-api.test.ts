import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createQentaClient, isQentaError, type QentaClient } from '@qenta-seamless/server-helpers';
import { backendFingerprintOrder } from '@qenta-seamless/server-helpers/protocol';
import { createEmulator, type Emulator } from '../src/index.ts';
import { DEMO_MERCHANT } from '../src/merchants.ts';
import { DEMO, errorCodes, postForm, sign } from './support/api.ts';

/** The gateway error a call ended with: codes and backend status. */
async function failure(promise: Promise<unknown>): Promise<{ codes: string[]; status?: number }> {
  try {
    await promise;
  } catch (error) {
    if (isQentaError(error, 'GATEWAY_ERROR')) {
      return {
        codes: error.gatewayErrors.map((e) => e.errorCode),
        ...(error.backendStatus !== undefined && { status: error.backendStatus }),
      };
    }
    throw error;
  }
  assert.fail('expected a gateway error');
}

function signedBackend(
  operation: Parameters<typeof backendFingerprintOrder>[0],
  fields: Record<string, string>,
) {
  const all = {
    customerId: DEMO.customerId,
    shopId: DEMO.shopId,
    password: DEMO.password,
    language: 'en',
    ...fields,
  };
  return sign(all, backendFingerprintOrder(operation, all));
}

describe('backend operations over HTTP', () => {
  let emulator: Emulator;
  let client: QentaClient;
  before(async () => {
    emulator = await createEmulator();
    client = createQentaClient({
      baseUrl: emulator.baseUrl,
      customerId: DEMO.customerId,
      shopId: DEMO.shopId,
      secret: DEMO.secret,
      backendPassword: DEMO.password,
      retries: 0,
    });
  });
  after(() => emulator.close());

  /** An approved order, as the payment page leaves it after SUCCESS. */
  function paidOrder(options: { amount?: string; autoDeposit?: boolean; currency?: string } = {}) {
    const orderNumber = emulator.orders.reserveOrderNumber(DEMO.customerId);
    emulator.orders.recordPaid({
      merchant: DEMO_MERCHANT,
      shopId: DEMO.shopId,
      orderNumber,
      paymentType: 'CCARD',
      amount: options.amount ?? '10.00',
      currency: options.currency ?? 'EUR',
      orderDescription: 'Test order',
      brand: 'VISA',
      financialInstitution: 'Visa',
      autoDeposit: options.autoDeposit ?? false,
      gatewayReferenceNumber: `DGW_${orderNumber}_RN`,
    });
    return orderNumber;
  }

  it('generateOrderNumber answers a fresh numeric order number each time', async () => {
    const first = await client.backend.generateOrderNumber({});
    const second = await client.backend.generateOrderNumber({});
    assert.match(first.orderNumber, /^\d{1,9}$/);
    assert.notEqual(first.orderNumber, second.orderNumber);
    assert.equal(first.status, 0);
  });

  it('walks an order through deposit, refund and the reversals with the states of §4.4', async () => {
    const orderNumber = paidOrder();
    const details = async () => (await client.backend.getOrderDetails({ orderNumber })).orders[0];
    let order = await details();
    assert.equal(order?.state, 'ORDERED');
    assert.equal(order?.paymentType, 'VPG');
    assert.deepEqual(order?.operationsAllowed, ['DEPOSIT', 'APPROVEREVERSAL']);
    assert.equal(order?.payments[0]?.state, 'payment_approved');
    assert.match(order?.fields.timeCreated ?? '', /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/);

    const { paymentNumber } = await client.backend.deposit({
      orderNumber,
      amount: '4.00',
      currency: 'EUR',
    });
    assert.deepEqual(
      await failure(client.backend.deposit({ orderNumber, amount: '6.01', currency: 'EUR' })),
      { codes: ['19017'], status: 2 },
    );
    await client.backend.deposit({ orderNumber, amount: '6.00', currency: 'EUR' });
    order = await details();
    assert.equal(order?.state, 'REFUNDABLE');
    assert.equal(order?.fields.depositAmount, '10.00');
    assert.equal(order?.payments[0]?.state, 'payment_deposited');

    assert.deepEqual(
      await failure(client.backend.refund({ orderNumber, amount: '10.01', currency: 'EUR' })),
      { codes: ['19017'], status: 2 },
    );
    const { creditNumber } = await client.backend.refund({
      orderNumber,
      amount: '3.00',
      currency: 'EUR',
    });
    assert.deepEqual(
      await failure(client.backend.depositReversal({ orderNumber, paymentNumber })),
      { codes: ['19012'], status: 2 },
    );
    order = await details();
    assert.equal(order?.fields.refundAmount, '3.00');
    assert.equal(order?.credits[0]?.state, 'credit_refunded');
    assert.equal(order?.fields.objectsTotal ?? order?.credits.length, 1);

    await client.backend.refundReversal({ orderNumber, creditNumber });
    assert.deepEqual(await failure(client.backend.refundReversal({ orderNumber, creditNumber })), {
      codes: ['19013'],
      status: 2,
    });
    await client.backend.depositReversal({ orderNumber, paymentNumber });
    order = await details();
    assert.equal(order?.payments[0]?.state, 'payment_approved');
    assert.equal(order?.credits[0]?.state, 'credit_closed');

    await client.backend.approveReversal({ orderNumber });
    order = await details();
    assert.equal(order?.state, 'CLOSED');
    assert.deepEqual(order?.operationsAllowed, []);
    assert.deepEqual(
      await failure(client.backend.deposit({ orderNumber, amount: '1.00', currency: 'EUR' })),
      { codes: ['19011'], status: 2 },
    );
  });

  it('refuses approveReversal after a deposit and a deposit in another currency', async () => {
    const orderNumber = paidOrder({ autoDeposit: true });
    assert.deepEqual(await failure(client.backend.approveReversal({ orderNumber })), {
      codes: ['19011'],
      status: 2,
    });
    assert.deepEqual(
      await failure(client.backend.refund({ orderNumber, amount: '1.00', currency: 'USD' })),
      { codes: ['18019'], status: 1 },
    );
  });

  it('answers an unknown order with orders=0 and refuses operations on it with 18011', async () => {
    const details = await client.backend.getOrderDetails({ orderNumber: '99999999' });
    assert.deepEqual(details.orders, []);
    assert.equal(details.objectsTotal, 0);
    assert.deepEqual(
      await failure(
        client.backend.deposit({ orderNumber: '99999999', amount: '1', currency: 'EUR' }),
      ),
      { codes: ['18011'], status: 1 },
    );
  });

  it('recurPayment charges like the source order and answers the new order number', async () => {
    const sourceOrderNumber = paidOrder();
    const { orderNumber } = await client.backend.recurPayment({
      sourceOrderNumber,
      autoDeposit: true,
      orderDescription: 'Subscription, month 2',
      amount: '5.00',
      currency: 'EUR',
    });
    const order = (await client.backend.getOrderDetails({ orderNumber })).orders[0];
    assert.equal(order?.state, 'REFUNDABLE');
    assert.equal(order?.fields.sourceOrderNumber, sourceOrderNumber);
    assert.equal(order?.amount, '5.00');
    assert.deepEqual(
      await failure(
        client.backend.recurPayment({
          sourceOrderNumber: '88888888',
          orderDescription: 'x',
          amount: '1',
          currency: 'EUR',
        }),
      ),
      { codes: ['18159'], status: 1 },
    );
  });

  it('transferFund pays out for each of the four types', async () => {
    const sourceOrderNumber = paidOrder({ autoDeposit: true });
    const common = { orderDescription: 'Payout', amount: '2.50', currency: 'EUR' };
    const results = [
      await client.backend.transferFund({
        ...common,
        fundTransferType: 'EXISTINGORDER',
        sourceOrderNumber,
      }),
      await client.backend.transferFund({
        ...common,
        fundTransferType: 'SKRILLWALLET',
        consumerEmail: 'buyer@example.com',
      }),
      await client.backend.transferFund({
        ...common,
        fundTransferType: 'MONETA',
        consumerWalletId: 'W-1234',
      }),
      await client.backend.transferFund({
        ...common,
        fundTransferType: 'SEPA-CT',
        bankAccountOwner: 'Jane Doe',
        bankBic: 'COBADEFFXXX',
        bankAccountIban: 'DE89370400440532013000',
      }),
    ];
    const credits = results.map((result) => result.creditNumber);
    assert.equal(new Set(credits).size, 4);
    for (const credit of credits) assert.match(credit, /^\d+$/);
    assert.deepEqual(
      await failure(
        client.backend.transferFund({
          ...common,
          fundTransferType: 'SEPA-CT',
          bankAccountOwner: 'Jane Doe',
          bankBic: 'COBADEFFXXX',
          bankAccountIban: 'DE00370400440532013000',
        }),
      ),
      { codes: ['18620'], status: 1 },
    );
  });

  it('getFinancialInstitutions lists the EPS and iDEAL banks of §7.3', async () => {
    const eps = await client.backend.getFinancialInstitutions({ paymentType: 'EPS' });
    assert.ok(
      eps.financialInstitutions.some((fi) => fi.id === 'BA-CA' && fi.name === 'Bank Austria'),
    );
    const idl = await client.backend.getFinancialInstitutions({
      paymentType: 'IDL',
      bankCountry: ['NL'],
    });
    assert.equal(idl.financialInstitutions.length, 10);
    const none = await client.backend.getFinancialInstitutions({
      paymentType: 'IDL',
      bankCountry: ['AT'],
    });
    assert.deepEqual(none.financialInstitutions, []);
    assert.deepEqual(
      await failure(client.backend.getFinancialInstitutions({ paymentType: 'NOPE' })),
      {
        codes: ['18051'],
        status: 1,
      },
    );
  });

  it('refuses a wrong backend password with 18602 and a wrong secret with 18506', async () => {
    const wrongPassword = createQentaClient({
      baseUrl: emulator.baseUrl,
      customerId: DEMO.customerId,
      shopId: DEMO.shopId,
      secret: DEMO.secret,
      backendPassword: 'guess',
      retries: 0,
    });
    assert.deepEqual(await failure(wrongPassword.backend.generateOrderNumber({})), {
      codes: ['18602'],
      status: 1,
    });
    const wrongSecret = createQentaClient({
      baseUrl: emulator.baseUrl,
      customerId: DEMO.customerId,
      shopId: DEMO.shopId,
      secret: 'WRONGSECRET',
      backendPassword: DEMO.password,
      retries: 0,
    });
    assert.deepEqual(await failure(wrongSecret.backend.generateOrderNumber({})), {
      codes: ['18506'],
      status: 1,
    });
  });

  it("matches operation names case-insensitively and ignores the official library's command field", async () => {
    const orderNumber = paidOrder();
    const fields = signedBackend('getOrderDetails', { orderNumber });
    for (const path of ['getorderdetails', 'GETORDERDETAILS', 'getOrderDetails']) {
      const answer = await postForm(`${emulator.baseUrl}/backend/${path}`, {
        ...fields,
        command: 'getOrderDetails',
      });
      assert.equal(answer.fields.status, '0', path);
      assert.equal(answer.fields['order.1.orderNumber'], orderNumber);
    }
    const viaAlias = await postForm(`${emulator.url}/qmore/backend/getOrderDetails`, fields);
    assert.equal(viaAlias.fields.status, '0');
  });

  it('answers the captured "missing" codes with status=1', async () => {
    const url = `${emulator.baseUrl}/backend`;
    const cases: [Parameters<typeof backendFingerprintOrder>[0], Record<string, string>, string][] =
      [
        ['getOrderDetails', {}, '11011'],
        ['deposit', { orderNumber: '123' }, '11017'],
        ['depositReversal', { orderNumber: paidOrder() }, '11012'],
        ['refundReversal', { orderNumber: paidOrder() }, '11013'],
        ['recurPayment', { orderNumber: '' }, '11159'],
        ['transferFund', { orderDescription: 'x', amount: '1', currency: 'EUR' }, '11216'],
      ];
    for (const [operation, fields, code] of cases) {
      const answer = await postForm(`${url}/${operation}`, signedBackend(operation, fields));
      assert.equal(answer.fields.status, '1', operation);
      assert.deepEqual(errorCodes(answer.fields).slice(0, 1), [code], operation);
    }
    const missing = await postForm(`${url}/getOrderDetails`, signedBackend('getOrderDetails', {}));
    assert.equal(missing.fields['error.1.message'], 'Order number is missing.');
  });

  it('answers an unknown operation with an error block and status=1', async () => {
    const answer = await postForm(
      `${emulator.baseUrl}/backend/fooBar`,
      signedBackend('generateOrderNumber', {}),
    );
    assert.equal(answer.fields.status, '1');
    assert.deepEqual(errorCodes(answer.fields), ['18630']);
  });

  it("serves the docs' demo orders, and accepts the documented refund vector D5 on 123456", async () => {
    // qenta-protocol §9.2 D5: refund 1.2 USD on 123456, fingerprint computed by the docs.
    const answer = await postForm(`${emulator.baseUrl}/backend/refund`, {
      customerId: 'D200001',
      shopId: 'qmore',
      password: 'jcv45z',
      language: 'en',
      orderNumber: '123456',
      amount: '1.2',
      currency: 'USD',
      requestFingerprint:
        '13dd25a912e95e6bf446d65c43cc447394b5daa36895d5671b97ffa01488816a06d1cd9445aac1f1c0a5a4607705f183e6ca90a476129d90aaa972bfbcddbf5c',
    });
    assert.equal(answer.fields.status, '0');
    assert.match(answer.fields.creditNumber ?? '', /^\d+$/);
    const psc = (await client.backend.getOrderDetails({ orderNumber: '5472113' })).orders[0];
    assert.equal(psc?.state, 'ORDERED');
    assert.equal(psc?.paymentType, 'PSC');
    assert.equal(psc?.fields.brand, 'paysafecard');
    assert.equal(psc?.fields.customerStatement, 'Danke für den Einkauf!');
    const maestro = (await client.backend.getOrderDetails({ orderNumber: '1453243' })).orders[0];
    assert.equal(maestro?.state, 'REFUNDABLE');
    assert.equal(maestro?.paymentType, 'SCM');
    assert.ok(maestro?.operationsAllowed.includes('REFUND'));
    const { orderNumber } = await client.backend.recurPayment({
      sourceOrderNumber: '23473341',
      orderDescription: 'again',
      amount: '9.90',
      currency: 'EUR',
    });
    assert.match(orderNumber, /^\d+$/);
  });

  it('journals order changes without the password', async () => {
    const orderNumber = paidOrder();
    await client.backend.deposit({ orderNumber, amount: '1.00', currency: 'EUR' });
    const entries = emulator.journal.entries();
    assert.ok(
      entries.some(
        (entry) =>
          entry.kind === 'order' && entry.summary.includes(`deposit on order ${orderNumber}`),
      ),
    );
    assert.ok(!JSON.stringify(entries).includes(DEMO.password));
  });
});
