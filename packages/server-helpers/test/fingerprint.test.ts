import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BACKEND_ORDER_PREFIX,
  backendFingerprintOrder,
  checkFingerprintOrder,
  computeFingerprint,
  DATA_STORAGE_INIT_ORDER,
  DATA_STORAGE_READ_ORDER,
  fingerprintMessage,
  parseFingerprintOrder,
  verifyFingerprint,
} from '../src/protocol.ts';

const SECRET = 'B8AKTPWBRMNBV455FG6M2DANE99WU2';
const merchant = { customerId: 'D200001', shopId: 'qmore' };
const backend = { ...merchant, password: 'jcv45z', language: 'en' };
const libraryDataStorage = {
  ...merchant,
  orderIdent: 'phpunit test',
  returnUrl: 'http://foo.bar.com/library/storageReturn.php',
  language: 'en',
};
const d4Order =
  'shopId,customerId,language,secret,amount,currency,paymentType,orderDescription,successUrl,cancelUrl,failureUrl,serviceUrl,confirmUrl,consumerIpAddress,consumerUserAgent,requestFingerprintOrder';
const d4Url = 'http://foo.bar.com/tests/confirm.php';

interface Vector {
  name: string;
  values: Record<string, string>;
  order: readonly string[];
  message: string;
  hmac?: string;
  sha512?: string;
}

// qenta-protocol §9.2: derived vectors D1–D8.
const vectors: Vector[] = [
  {
    name: 'D1 data storage init, classic script',
    values: { ...libraryDataStorage, javascriptScriptVersion: '' },
    order: DATA_STORAGE_INIT_ORDER,
    message: `D200001qmorephpunit testhttp://foo.bar.com/library/storageReturn.phpen${SECRET}`,
    hmac: '6b2485234510bbb40ba0e315adfa628a61a1edcb36b99073873e4b21f509e092b791b581b1d8773aa68e48a7a558093b89ae5940ef35c291fccc5c8bdab95fe1',
    sha512:
      '53aee52087dfca7d8e4e8a67e4e0a48921f22adb01b100d34d849e7dfdcd204dd61e43756a82961dc4aca494f6a1ab40c317a074c1cdeb843b72185707b45399',
  },
  {
    name: 'D2 data storage init, pci3',
    values: { ...libraryDataStorage, javascriptScriptVersion: 'pci3' },
    order: DATA_STORAGE_INIT_ORDER,
    message: `D200001qmorephpunit testhttp://foo.bar.com/library/storageReturn.phpenpci3${SECRET}`,
    hmac: '11a982ce9029295757acb8f72db48c74d2a79542893582cafabaae2984be71eee4de94eabc100c3562aee12e70eda614603894d7af68d5d1cac28b3cba0cb776',
  },
  {
    name: 'D3 data storage read',
    values: { ...merchant, storageId: '10763469b2b8049f6619c914e57faa19' },
    order: DATA_STORAGE_READ_ORDER,
    message: `D200001qmore10763469b2b8049f6619c914e57faa19${SECRET}`,
    hmac: 'a49054e709549fa7c7538da729f4049beb69098051c11229f71fe7c3acbc8bb23b8b37a4f166024160f6b60888196ce6212d65d77131624ba54834afa19d297c',
  },
  {
    name: 'D4 frontend init, official library order',
    values: {
      ...merchant,
      language: 'en',
      amount: '100',
      currency: 'eur',
      paymentType: 'PAYPAL',
      orderDescription: 'QentaCEE_QMore_FrontendClientTest::testInitiate',
      successUrl: d4Url,
      cancelUrl: d4Url,
      failureUrl: d4Url,
      serviceUrl: d4Url,
      confirmUrl: d4Url,
      consumerIpAddress: '10.1.0.11',
      consumerUserAgent: 'phpUnit',
      requestFingerprintOrder: d4Order,
    },
    order: parseFingerprintOrder(d4Order),
    message: `qmoreD200001en${SECRET}100eurPAYPALQentaCEE_QMore_FrontendClientTest::testInitiate${d4Url.repeat(5)}10.1.0.11phpUnit${d4Order}`,
    hmac: '1fef18797638eca1b39febdd0cf4070535770f641463f7a0b7f21694e736b50d72edd3fcc670554783bfe05914f00aefb895688a3eb13e075f4d7b4af26277eb',
  },
  {
    name: 'D5 backend refund',
    values: { ...backend, orderNumber: '123456', amount: '1.2', currency: 'USD' },
    order: backendFingerprintOrder('refund'),
    message: `D200001qmorejcv45z${SECRET}en1234561.2USD`,
    hmac: '13dd25a912e95e6bf446d65c43cc447394b5daa36895d5671b97ffa01488816a06d1cd9445aac1f1c0a5a4607705f183e6ca90a476129d90aaa972bfbcddbf5c',
  },
  {
    name: 'D6 backend getOrderDetails',
    values: { ...backend, orderNumber: '123456' },
    order: backendFingerprintOrder('getOrderDetails'),
    message: `D200001qmorejcv45z${SECRET}en123456`,
    hmac: '8e87f17c93d54cee0ba37f8d553a418d23546fef6cc08cc48b083cdf5fdcefd09fd388965161abe0344ef12f702a010ce97b9977c2581fdaeaf72be3e0857848',
  },
  {
    name: 'D7 backend generateOrderNumber',
    values: backend,
    order: backendFingerprintOrder('generateOrderNumber'),
    message: `D200001qmorejcv45z${SECRET}en`,
    hmac: '1e80761269757231eae016d21e7b055cf03dc651eb655956a7be35ac98eba198f3d0ce9bfebe48ff094dbab3ff81dadad606ed6e9b05eaea8bfaaf968284927a',
  },
  {
    name: 'D8 data storage init, pci3, localhost return',
    values: {
      ...merchant,
      orderIdent: 'order123',
      returnUrl: 'http://localhost.return.url',
      language: 'en',
      javascriptScriptVersion: 'pci3',
    },
    order: DATA_STORAGE_INIT_ORDER,
    message: `D200001qmoreorder123http://localhost.return.urlenpci3${SECRET}`,
    hmac: 'a528836346c1b5b8ec85a92b886453f28c50a1133209379147109c4b1cabae16949f1c1ec17d5641ea58569447eda015662a3db43b40562d487b24f40e4157a0',
  },
];

describe('known-answer vectors (qenta-protocol §9.2)', () => {
  for (const vector of vectors) {
    it(`builds the message of ${vector.name}`, () => {
      assert.equal(fingerprintMessage(vector.values, vector.order, SECRET), vector.message);
    });
    if (vector.hmac) {
      const hmac = vector.hmac;
      it(`computes the HMAC-SHA512 of ${vector.name}`, () => {
        assert.equal(computeFingerprint(vector.values, vector.order, SECRET), hmac);
        assert.ok(verifyFingerprint(vector.values, vector.order, SECRET, hmac));
      });
    }
    if (vector.sha512) {
      const sha512 = vector.sha512;
      it(`computes the legacy SHA-512 of ${vector.name}`, () => {
        const options = { algorithm: 'sha512' } as const;
        assert.equal(computeFingerprint(vector.values, vector.order, SECRET, options), sha512);
        assert.ok(verifyFingerprint(vector.values, vector.order, SECRET, sha512, options));
      });
    }
  }
});

// Our own vectors for every fixed order not covered above: the message is the contract, the
// digest follows from it (checked independently by the D-vectors).
const backendCases: [
  Parameters<typeof backendFingerprintOrder>[0],
  Record<string, string>,
  string,
][] = [
  ['approveReversal', { orderNumber: '5472113' }, '5472113'],
  ['deposit', { orderNumber: '123456', amount: '10.00', currency: 'EUR' }, '12345610.00EUR'],
  ['depositReversal', { orderNumber: '123456', paymentNumber: '23473341' }, '12345623473341'],
  [
    'recurPayment',
    {
      orderNumber: '1113051',
      sourceOrderNumber: '23473341',
      autoDeposit: 'no',
      orderDescription: 'Monthly',
      amount: '9.99',
      currency: 'EUR',
    },
    '111305123473341noMonthly9.99EUR',
  ],
  ['refundReversal', { orderNumber: '123456', creditNumber: '14949449' }, '12345614949449'],
  ['getFinancialInstitutions', { paymentType: 'EPS', bankCountry: 'AT' }, 'EPSAT'],
  [
    'transferFund',
    {
      orderDescription: 'Payout',
      amount: '5',
      currency: 'EUR',
      fundTransferType: 'SEPA-CT',
      bankAccountOwner: 'Jane Doe',
      bankBic: 'ABCDATWW',
      bankAccountIban: 'AT611904300234573201',
    },
    'Payout5EURSEPA-CTJane DoeABCDATWWAT611904300234573201',
  ],
  [
    'transferFund',
    {
      orderNumber: '1',
      orderDescription: 'Back',
      amount: '1',
      currency: 'EUR',
      fundTransferType: 'EXISTINGORDER',
      sourceOrderNumber: '123456',
    },
    '1Back1EUREXISTINGORDER123456',
  ],
];

describe('backend fingerprint orders (qenta-protocol §2.5)', () => {
  for (const [operation, fields, tail] of backendCases) {
    it(`signs ${operation} as the prefix followed by ${tail}`, () => {
      const order = backendFingerprintOrder(operation, fields);
      assert.deepEqual(order.slice(0, 5), [...BACKEND_ORDER_PREFIX]);
      assert.equal(
        fingerprintMessage({ ...backend, ...fields }, order, SECRET),
        `D200001qmorejcv45z${SECRET}en${tail}`,
      );
    });
  }

  it('appends the basket fields to a refund that carries a basket', () => {
    const order = backendFingerprintOrder('refund', { basketItems: '2' });
    assert.equal(order.length, 5 + 3 + 1 + 2 * 9);
    assert.equal(order[8], 'basketItems');
    assert.equal(order[9], 'basketItem1ArticleNumber');
    assert.equal(order.at(-1), 'basketItem2UnitTaxRate');
  });
});

describe('fingerprint rules', () => {
  const values = { amount: '1', Currency: 'EUR', constructor: undefined };
  const order = ['amount', 'currency', 'secret'];

  it('looks names up case-insensitively when no exact match exists', () => {
    assert.equal(fingerprintMessage(values, order, 'k'), '1EURk');
  });

  it('counts absent names, including Object.prototype members, as empty', () => {
    assert.equal(fingerprintMessage({}, ['toString', 'constructor', 'secret'], 'k'), 'k');
  });

  it('accepts an upper-case fingerprint and rejects a changed or malformed one', () => {
    const fingerprint = computeFingerprint(values, order, 'k');
    assert.ok(verifyFingerprint(values, order, 'k', fingerprint.toUpperCase()));
    const lastFlipped = fingerprint.endsWith('0') ? '1' : '0';
    assert.ok(!verifyFingerprint(values, order, 'k', `${fingerprint.slice(0, 127)}${lastFlipped}`));
    assert.ok(!verifyFingerprint(values, order, 'k', fingerprint.slice(0, 127)));
    assert.ok(!verifyFingerprint(values, order, 'k', `${fingerprint.slice(0, 127)}g`));
    assert.ok(!verifyFingerprint(values, order, 'other', fingerprint));
  });

  it('refuses to compute a fingerprint without a secret', () => {
    assert.throws(() => computeFingerprint(values, order, ''), TypeError);
  });

  it('splits an order on commas and trims each name', () => {
    assert.deepEqual(parseFingerprintOrder(' amount, currency,,secret '), [
      'amount',
      'currency',
      'secret',
    ]);
  });

  it('refuses to verify over an order that names a field twice', () => {
    const repeated = ['customerId', 'customerId', 'secret'];
    const fingerprint = computeFingerprint(values, repeated, 'k');
    assert.equal(verifyFingerprint(values, repeated, 'k', fingerprint), false);
    const otherCase = ['customerId', 'CUSTOMERID', 'secret'];
    const otherFingerprint = computeFingerprint(values, otherCase, 'k');
    assert.equal(verifyFingerprint(values, otherCase, 'k', otherFingerprint), false);
  });
});

describe('checkFingerprintOrder', () => {
  it('splits and trims like parseFingerprintOrder when every name is distinct', () => {
    assert.deepEqual(checkFingerprintOrder(' amount, currency,,secret ', 2), {
      ok: true,
      names: ['amount', 'currency', 'secret'],
    });
  });

  it('refuses an order that names a field twice, in any case', () => {
    assert.deepEqual(checkFingerprintOrder('amount,secret,amount', 10), {
      ok: false,
      problem: 'repeated-name',
    });
    assert.deepEqual(checkFingerprintOrder('amount,secret,Amount', 10), {
      ok: false,
      problem: 'repeated-name',
    });
    assert.deepEqual(checkFingerprintOrder('secret,amount,SECRET', 10), {
      ok: false,
      problem: 'repeated-name',
    });
  });

  it('refuses an order with more names than the body has fields, secret aside', () => {
    assert.deepEqual(checkFingerprintOrder('a,b,secret,c', 3), {
      ok: true,
      names: ['a', 'b', 'secret', 'c'],
    });
    assert.deepEqual(checkFingerprintOrder('a,b,secret,c,d', 3), {
      ok: false,
      problem: 'too-many-names',
    });
  });

  it('stops at the first repeat of a huge order', () => {
    const order = `amount,${'amount,'.repeat(200_000)}secret`;
    const started = performance.now();
    assert.equal(checkFingerprintOrder(order, 10).ok, false);
    assert.ok(performance.now() - started < 50);
  });
});
