import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createQentaClient } from '../src/index.ts';
import { currencyDecimals, customParameterProblem, formatAmount } from '../src/schemas.ts';
import { captureError, MERCHANT, PASSWORD, SECRET } from './support/errors.ts';

// A fetch that must never run: validation happens before anything is sent.
const neverFetch: typeof fetch = () => {
  throw new Error('a refused request was sent');
};
const client = createQentaClient({
  ...MERCHANT,
  secret: SECRET,
  backendPassword: PASSWORD,
  fetch: neverFetch,
});

describe('amount and currency rules', () => {
  for (const [amount, currency, expected] of [
    ['12.50', 'EUR', '12.50'],
    ['1,2', 'EUR', '1,2'],
    [12.5, 'EUR', '12.5'],
    [100, 'JPY', '100'],
    ['1.005', 'LYD', '1.005'],
    ['1.005', 'KWD', '1.005'],
    ['10', '978', '10'],
  ] as const) {
    it(`accepts ${amount} ${currency}`, () => {
      assert.deepEqual(formatAmount(amount, currency), { ok: true, value: expected });
    });
  }
  for (const [amount, currency] of [
    ['1.005', 'EUR'],
    ['1.5', 'JPY'],
    [0.1 + 0.2, 'EUR'],
    ['1.0001', 'LYD'],
    ['0', 'EUR'],
    ['0.00', 'EUR'],
    ['-1', 'EUR'],
    ['1e3', 'EUR'],
    [Number.NaN, 'EUR'],
    [Number.POSITIVE_INFINITY, 'EUR'],
    ['1 000', 'EUR'],
    ['', 'EUR'],
    ['1.5', '392'],
  ] as const) {
    it(`refuses ${String(amount)} ${currency}`, () => {
      assert.equal(formatAmount(amount, currency).ok, false);
    });
  }
  it('knows the minor units of the documented currencies', () => {
    assert.deepEqual(
      ['EUR', 'USD', 'CHF', 'CZK', 'GBP', 'HUF', 'PLN', 'JPY', 'LYD'].map(currencyDecimals),
      [2, 2, 2, 2, 2, 2, 2, 0, 3],
    );
  });
});

describe('custom parameter names', () => {
  for (const name of ['shopCartId', 'myShop_order', 'x1']) {
    it(`accepts ${name}`, () => assert.equal(customParameterProblem(name), undefined));
  }
  for (const name of [
    'amount',
    'AMOUNT',
    'orderNumber',
    'paymentState',
    'responseFingerprint',
    'requestFingerprintOrder',
    'secret',
    'password',
    'consumerEmail',
    'basketItem1Name',
    'error',
    'gatewayReferenceNumber',
    '1abc',
    'a-b',
    'a.b',
    '',
    'x'.repeat(65),
  ]) {
    it(`refuses ${JSON.stringify(name.slice(0, 20))}`, () => {
      assert.ok(customParameterProblem(name));
    });
  }
});

describe('input validation names the field and sends nothing', () => {
  const cases: [string, () => Promise<unknown>, string][] = [
    [
      'dataStorage.init without orderIdent',
      () => client.dataStorage.init({ returnUrl: 'https://a.example/', language: 'en' } as never),
      'orderIdent',
    ],
    [
      'dataStorage.init with an empty orderIdent',
      () =>
        client.dataStorage.init({
          orderIdent: '',
          returnUrl: 'https://a.example/',
          language: 'en',
        }),
      'orderIdent',
    ],
    [
      'dataStorage.init with a relative returnUrl',
      () =>
        client.dataStorage.init({ orderIdent: 'o1', returnUrl: 'fallback.html', language: 'en' }),
      'returnUrl',
    ],
    [
      'dataStorage.init with an unknown script version',
      () =>
        client.dataStorage.init({
          orderIdent: 'o1',
          returnUrl: 'https://a.example/',
          language: 'en',
          javascriptScriptVersion: 'pci4' as never,
        }),
      'javascriptScriptVersion',
    ],
    [
      'dataStorage.init with a numeric language',
      () =>
        client.dataStorage.init({
          orderIdent: 'o1',
          returnUrl: 'https://a.example/',
          language: '12',
        }),
      'language',
    ],
    [
      'dataStorage.read with a 33-character storageId',
      () => client.dataStorage.read({ storageId: 'a'.repeat(33) }),
      'storageId',
    ],
    [
      'deposit with a letter in the orderNumber',
      () => client.backend.deposit({ orderNumber: '12a', amount: '1', currency: 'EUR' }),
      'orderNumber',
    ],
    [
      'deposit with three decimals in EUR',
      () => client.backend.deposit({ orderNumber: '1', amount: '1.001', currency: 'EUR' }),
      'amount',
    ],
    [
      'refund with a basket line of quantity 0',
      () =>
        client.backend.refund({
          orderNumber: '1',
          amount: '1',
          currency: 'EUR',
          basket: [
            {
              articleNumber: 'a',
              quantity: 0,
              unitGrossAmount: '1',
              unitNetAmount: '1',
              unitTaxAmount: '0',
              unitTaxRate: 0,
            },
          ],
        }),
      'basket.0.quantity',
    ],
    [
      'refund with a basket price of too many decimals',
      () =>
        client.backend.refund({
          orderNumber: '1',
          amount: '1',
          currency: 'EUR',
          basket: [
            {
              articleNumber: 'a',
              quantity: 1,
              unitGrossAmount: '1.001',
              unitNetAmount: '1',
              unitTaxAmount: '0',
              unitTaxRate: 0,
            },
          ],
        }),
      'basket.0.unitGrossAmount',
    ],
    [
      'depositReversal without paymentNumber',
      () => client.backend.depositReversal({ orderNumber: '1' } as never),
      'paymentNumber',
    ],
    [
      'refundReversal with a 10-digit creditNumber',
      () => client.backend.refundReversal({ orderNumber: '1', creditNumber: '1234567890' }),
      'creditNumber',
    ],
    [
      'recurPayment without sourceOrderNumber',
      () =>
        client.backend.recurPayment({
          orderDescription: 'x',
          amount: '1',
          currency: 'EUR',
        } as never),
      'sourceOrderNumber',
    ],
    [
      'transferFund with an unknown type',
      () =>
        client.backend.transferFund({
          fundTransferType: 'CASH' as never,
          orderDescription: 'x',
          amount: '1',
          currency: 'EUR',
        }),
      'fundTransferType',
    ],
    [
      'transferFund SKRILLWALLET without consumerEmail',
      () =>
        client.backend.transferFund({
          fundTransferType: 'SKRILLWALLET',
          orderDescription: 'x',
          amount: '1',
          currency: 'EUR',
        }),
      'consumerEmail',
    ],
    [
      'getFinancialInstitutions with a bad bankCountry',
      () => client.backend.getFinancialInstitutions({ paymentType: 'EPS', bankCountry: ['AUT'] }),
      'bankCountry.0',
    ],
    [
      'getFinancialInstitutions with an unknown transactionType',
      () =>
        client.backend.getFinancialInstitutions({
          paymentType: 'EPS',
          transactionType: 'SOMETIMES' as never,
        }),
      'transactionType',
    ],
    [
      'approveReversal with an unknown option',
      () => client.backend.approveReversal({ orderNumber: '1', force: true } as never),
      '',
    ],
  ];
  for (const [title, action, path] of cases) {
    it(`refuses ${title}`, async () => {
      const error = await captureError(action, 'INVALID_INPUT');
      assert.ok(
        error.issues.some((issue) => issue.path === path),
        `expected an issue at "${path}", got ${JSON.stringify(error.issues)}`,
      );
      assert.match(error.message, /^Invalid /);
    });
  }
});

describe('URLs the client sends are already in URI form (issue 10 item 6)', () => {
  const payment = {
    language: 'en',
    paymentType: 'CCARD',
    amount: '1',
    currency: 'EUR',
    orderDescription: 'x',
    successUrl: 'https://shop.example/ok?o=1&lang=en#top',
    cancelUrl: 'https://shop.example/cancel',
    failureUrl: 'https://shop.example/fail',
    serviceUrl: 'https://shop.example/service',
    confirmUrl: 'https://shop.example:8443/confirm?x=%C3%A4',
    pendingUrl: 'https://shop.example/pending',
    consumerIpAddress: '127.0.0.1',
    consumerUserAgent: 'ua',
  } as const;
  // Each of these passes URL.canParse.
  const hostile: [string, string][] = [
    ['CR LF', 'https://shop.example/ok\r\nSet-Cookie: a=1'],
    ['LF', 'https://shop.example/ok\n'],
    ['a tab', 'https://shop.example/o\tk'],
    ['NUL', 'https://shop.example/ok\u0000'],
    ['DEL', 'https://shop.example/ok\u007f'],
    ['raw non-ASCII', 'https://shop.example/bestätigt'],
    ['a non-ASCII host', 'https://bücher.example/ok'],
    ['a space', 'https://shop.example/o k'],
    ['a leading space', ' https://shop.example/ok'],
    ['a backslash', 'https://shop.example\\evil.example/'],
    ['a quote and angle brackets', 'https://shop.example/"<x>'],
  ];
  const fields = [
    'successUrl',
    'cancelUrl',
    'failureUrl',
    'pendingUrl',
    'confirmUrl',
    'serviceUrl',
  ] as const;
  for (const [title, url] of hostile) {
    assert.ok(URL.canParse(url), `${title} should pass URL.canParse`);
    for (const field of fields) {
      it(`refuses a ${field} with ${title}`, async () => {
        const error = await captureError(
          () => client.payment.start({ ...payment, [field]: url }),
          'INVALID_INPUT',
        );
        assert.deepEqual(
          error.issues.map((issue) => issue.path),
          [field],
        );
      });
    }
    it(`refuses a returnUrl with ${title}`, async () => {
      const error = await captureError(
        () => client.dataStorage.init({ orderIdent: 'o1', returnUrl: url, language: 'en' }),
        'INVALID_INPUT',
      );
      assert.deepEqual(
        error.issues.map((issue) => issue.path),
        ['returnUrl'],
      );
    });
  }

  it('sends URLs already in URI form as they are', async () => {
    const sent: string[] = [];
    const recording: typeof fetch = async (_input, init) => {
      sent.push(String(init?.body));
      return new Response('redirectUrl=https%3A%2F%2Fgateway.example%2Fpay', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    };
    const live = createQentaClient({ ...MERCHANT, secret: SECRET, fetch: recording });
    await live.payment.start({ ...payment });
    const fields = new URLSearchParams(sent[0]);
    assert.equal(fields.get('successUrl'), payment.successUrl);
    assert.equal(fields.get('confirmUrl'), payment.confirmUrl);
  });
});
