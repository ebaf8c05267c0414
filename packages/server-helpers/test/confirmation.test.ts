import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { type QentaErrorCode, verifyConfirmation } from '../src/index.ts';
import { signTestConfirmation } from '../src/testing.ts';
import { captureError, SECRET } from './support/errors.ts';

// A SUCCESS as the emulator sends it (qenta-protocol §2.6 canonical sequence) plus a custom
// parameter, signed here with node:crypto directly so the verifier is not its own oracle.
const SIGNED: [string, string][] = [
  ['amount', '12.50'],
  ['currency', 'EUR'],
  ['paymentType', 'CCARD'],
  ['financialInstitution', 'MC'],
  ['language', 'en'],
  ['orderNumber', '5472113'],
  ['paymentState', 'SUCCESS'],
  ['anonymousPan', '0001'],
  ['authenticated', 'Yes'],
  ['expiry', '12/2031'],
  ['maskedPan', '950000******0001'],
  ['gatewayReferenceNumber', 'DGW_5472113_RN'],
  ['gatewayContractNumber', 'DemoContractNumber123'],
  ['avsResponseCode', 'X'],
  ['avsResponseMessage', 'Demo AVS ResultMessage'],
  ['shopCartId', 'c-77'],
];
const NAMES = SIGNED.map(([name]) => name);
const ORDER = [...NAMES, 'secret', 'responseFingerprintOrder'];

type Algorithm = 'hmac-sha512' | 'sha512';

function sign(
  entries: readonly [string, string][],
  order: readonly string[],
  algorithm: Algorithm = 'hmac-sha512',
  secret = SECRET,
): string {
  const values = new Map(entries);
  const orderText = order.join(',');
  values.set('responseFingerprintOrder', orderText);
  const message = order
    .map((name) => (name === 'secret' ? secret : (values.get(name) ?? '')))
    .join('');
  const hash = algorithm === 'sha512' ? createHash('sha512') : createHmac('sha512', secret);
  return hash.update(message, 'utf8').digest('hex');
}

function body(entries: readonly [string, string][]): string {
  return new URLSearchParams(entries).toString();
}

function signedBody(
  entries: readonly [string, string][] = SIGNED,
  order: readonly string[] = ORDER,
  algorithm: Algorithm = 'hmac-sha512',
): [string, string][] {
  return [
    ...entries,
    ['responseFingerprintOrder', order.join(',')],
    ['responseFingerprint', sign(entries, order, algorithm)],
  ];
}

const GOOD = signedBody();
const FINGERPRINT = GOOD.at(-1)?.[1] ?? '';
const replace = (name: string, value: string) =>
  GOOD.map(([n, v]): [string, string] => [n, n === name ? value : v]);
const without = (name: string) => GOOD.filter(([n]) => n !== name);

interface TamperCase {
  title: string;
  entries: [string, string][];
  code: QentaErrorCode;
}

const REQUIRED = ['paymentState', 'orderNumber', 'amount', 'currency', 'paymentType'];
const corpus: TamperCase[] = [];

// 1. Change each signed field (and the order string itself).
for (const name of [...NAMES, 'responseFingerprintOrder']) {
  if (name === 'paymentState') continue;
  const original = GOOD.find(([n]) => n === name)?.[1] ?? '';
  corpus.push({
    title: `${name} changed`,
    entries: replace(name, `${original}0`),
    code: 'FINGERPRINT_MISMATCH',
  });
  corpus.push({
    title: `${name} emptied`,
    entries: replace(name, ''),
    code:
      name === 'responseFingerprintOrder' || REQUIRED.includes(name)
        ? 'FINGERPRINT_ORDER_INCOMPLETE'
        : 'FINGERPRINT_MISMATCH',
  });
}
corpus.push({
  title: 'amount 12.50 → 1250',
  entries: replace('amount', '1250'),
  code: 'FINGERPRINT_MISMATCH',
});
corpus.push({
  title: 'amount 12.50 → 12.5',
  entries: replace('amount', '12.5'),
  code: 'FINGERPRINT_MISMATCH',
});
corpus.push({
  title: 'currency EUR → eur',
  entries: replace('currency', 'eur'),
  code: 'FINGERPRINT_MISMATCH',
});
corpus.push({
  title: 'paymentState SUCCESS → PENDING',
  entries: replace('paymentState', 'PENDING'),
  code: 'FINGERPRINT_MISMATCH',
});
corpus.push({
  title: 'paymentState SUCCESS → success',
  entries: replace('paymentState', 'success'),
  code: 'INVALID_CONFIRMATION',
});
corpus.push({
  title: 'paymentState unknown',
  entries: replace('paymentState', 'PAID'),
  code: 'INVALID_CONFIRMATION',
});

// 2. Drop each signed field.
for (const name of NAMES) {
  const code: QentaErrorCode =
    name === 'paymentState'
      ? 'INVALID_CONFIRMATION'
      : REQUIRED.includes(name)
        ? 'FINGERPRINT_ORDER_INCOMPLETE'
        : 'FINGERPRINT_MISMATCH';
  corpus.push({ title: `${name} dropped`, entries: without(name), code });
}
corpus.push({
  title: 'responseFingerprintOrder dropped',
  entries: without('responseFingerprintOrder'),
  code: 'FINGERPRINT_ORDER_INCOMPLETE',
});
corpus.push({
  title: 'responseFingerprint dropped',
  entries: without('responseFingerprint'),
  code: 'FINGERPRINT_MISSING',
});

// 3. Orders that leave out the secret or a required field, correctly signed over what they list.
const noSecret = ORDER.filter((name) => name !== 'secret');
corpus.push({
  title: 'secret dropped from the order (HMAC re-signed)',
  entries: signedBody(SIGNED, noSecret),
  code: 'FINGERPRINT_ORDER_INCOMPLETE',
});
corpus.push({
  title: 'secret dropped from the order (SHA-512 forgeable without secret)',
  entries: signedBody(SIGNED, noSecret, 'sha512'),
  code: 'FINGERPRINT_ORDER_INCOMPLETE',
});
for (const name of REQUIRED) {
  corpus.push({
    title: `${name} left out of the order, re-signed`,
    entries: signedBody(
      SIGNED,
      ORDER.filter((n) => n !== name),
    ),
    code: 'FINGERPRINT_ORDER_INCOMPLETE',
  });
}
corpus.push({
  title: 'order with only secret',
  entries: signedBody(SIGNED, ['secret']),
  code: 'FINGERPRINT_ORDER_INCOMPLETE',
});

// 4. Reorder the order (the fingerprint stays the original one).
for (let i = 0; i + 1 < ORDER.length; i++) {
  const swapped = [...ORDER];
  [swapped[i], swapped[i + 1]] = [swapped[i + 1] as string, swapped[i] as string];
  corpus.push({
    title: `order positions ${i} and ${i + 1} swapped`,
    entries: replace('responseFingerprintOrder', swapped.join(',')),
    code: 'FINGERPRINT_MISMATCH',
  });
}
corpus.push({
  title: 'order reversed',
  entries: replace('responseFingerprintOrder', [...ORDER].reverse().join(',')),
  code: 'FINGERPRINT_MISMATCH',
});
corpus.push({
  title: 'a signed name duplicated in the order',
  entries: replace('responseFingerprintOrder', `amount,${ORDER.join(',')}`),
  code: 'FINGERPRINT_ORDER_INVALID',
});

// 5. Truncated, stretched or non-hex fingerprints.
for (const [title, value, code] of [
  ['fingerprint truncated to 127', FINGERPRINT.slice(0, 127), 'FINGERPRINT_MISMATCH'],
  ['fingerprint truncated to 64', FINGERPRINT.slice(0, 64), 'FINGERPRINT_MISMATCH'],
  ['fingerprint truncated to 1', FINGERPRINT.slice(0, 1), 'FINGERPRINT_MISMATCH'],
  ['fingerprint emptied', '', 'FINGERPRINT_MISSING'],
  ['fingerprint with one more character', `${FINGERPRINT}0`, 'FINGERPRINT_MISMATCH'],
  ['fingerprint with a non-hex character', `g${FINGERPRINT.slice(1)}`, 'FINGERPRINT_MISMATCH'],
  ['fingerprint with a trailing space', `${FINGERPRINT.slice(0, 127)} `, 'FINGERPRINT_MISMATCH'],
  [
    'fingerprint as base64',
    Buffer.from(FINGERPRINT, 'hex').toString('base64'),
    'FINGERPRINT_MISMATCH',
  ],
  [
    'fingerprint last digit flipped',
    FINGERPRINT.slice(0, 127) + (FINGERPRINT.endsWith('0') ? '1' : '0'),
    'FINGERPRINT_MISMATCH',
  ],
  [
    'fingerprint of another secret',
    sign(SIGNED, ORDER, 'hmac-sha512', 'WRONGSECRET'),
    'FINGERPRINT_MISMATCH',
  ],
  [
    'legacy SHA-512 fingerprint for an HMAC merchant',
    sign(SIGNED, ORDER, 'sha512'),
    'FINGERPRINT_MISMATCH',
  ],
] as const) {
  corpus.push({ title, entries: replace('responseFingerprint', value), code });
}

// 6. Every key sent twice.
for (const [name, value] of GOOD) {
  corpus.push({
    title: `${name} sent twice`,
    entries: [...GOOD, [name, value]],
    code: 'INVALID_CONFIRMATION',
  });
}

describe('verifyConfirmation', () => {
  it('accepts the signed SUCCESS and returns the trusted typed fields', () => {
    const result = verifyConfirmation(body(GOOD), { secret: SECRET });
    assert.equal(result.paymentState, 'SUCCESS');
    assert.ok(result.verified);
    assert.equal(result.orderNumber, '5472113');
    assert.equal(result.amount, '12.50');
    assert.equal(result.currency, 'EUR');
    assert.equal(result.paymentType, 'CCARD');
    assert.equal(result.fields.shopCartId, 'c-77');
    assert.equal(result.fields.maskedPan, '950000******0001');
    assert.deepEqual(result.untrusted, {});
    assert.ok(!('responseFingerprint' in result.fields));
  });

  it('accepts the fingerprint in upper-case hex', () => {
    const result = verifyConfirmation(
      body(replace('responseFingerprint', FINGERPRINT.toUpperCase())),
      {
        secret: SECRET,
      },
    );
    assert.ok(result.verified);
  });

  it(`rejects every case of the tamper corpus (${corpus.length} cases) with its code`, async () => {
    assert.ok(corpus.length >= 90, `corpus has ${corpus.length} cases`);
    for (const tamper of corpus) {
      await captureError(
        () => verifyConfirmation(body(tamper.entries), { secret: SECRET }),
        tamper.code,
      ).catch((error: unknown) => {
        throw new Error(`${tamper.title}: ${String(error)}`);
      });
    }
  });

  it('keeps added unsigned fields apart as untrusted, never in the trusted fields', () => {
    const result = verifyConfirmation(
      body([...GOOD, ['Amount', '0.01'], ['isAdmin', 'yes'], ['note', 'free text']]),
      { secret: SECRET },
    );
    assert.ok(result.verified);
    assert.equal(result.amount, '12.50');
    assert.deepEqual(result.untrusted, { Amount: '0.01', isAdmin: 'yes', note: 'free text' });
    assert.ok(!Object.hasOwn(result.fields, 'isAdmin'));
  });

  it('refuses a correctly signed order that names a field twice, before building a message', async () => {
    // As many order entries as fields, but one repeated: refused outright, whatever it signs
    // (issue 10 item 2), so the extra field can never pass for a signed one either.
    const order = [...NAMES, 'amount', 'secret', 'responseFingerprintOrder'];
    const entries: [string, string][] = [...signedBody(SIGNED, order), ['isAdmin', 'yes']];
    await captureError(
      () => verifyConfirmation(body(entries), { secret: SECRET }),
      'FINGERPRINT_ORDER_INVALID',
    );
    const otherCase = [...NAMES, 'AMOUNT', 'secret', 'responseFingerprintOrder'];
    await captureError(
      () => verifyConfirmation(body(signedBody(SIGNED, otherCase)), { secret: SECRET }),
      'FINGERPRINT_ORDER_INVALID',
    );
  });

  it('refuses a correctly signed order that names more fields than the body has', async () => {
    const order = [...NAMES, 'absent1', 'absent2', 'absent3', 'secret', 'responseFingerprintOrder'];
    await captureError(
      () => verifyConfirmation(body(signedBody(SIGNED, order)), { secret: SECRET }),
      'FINGERPRINT_ORDER_INVALID',
    );
  });

  it('verifies each confirmation against its own order, one after another', () => {
    const shortOrder = [
      'paymentState',
      'orderNumber',
      'amount',
      'currency',
      'paymentType',
      'secret',
    ];
    const bodies = [
      body(GOOD),
      body(signedBody(SIGNED, shortOrder)),
      body(GOOD),
      body(signedBody(SIGNED, shortOrder)),
    ];
    for (const [index, text] of bodies.entries()) {
      const result = verifyConfirmation(text, { secret: SECRET });
      assert.ok(result.verified);
      const untrusted = Object.keys(result.untrusted).length;
      assert.equal(untrusted === 0, index % 2 === 0, `confirmation ${index}`);
    }
    // The same short order with a changed unsigned field still verifies; a changed signed one not.
    const forged = signedBody(SIGNED, shortOrder).map(([n, v]): [string, string] => [
      n,
      n === 'amount' ? '0.01' : v,
    ]);
    assert.throws(() => verifyConfirmation(body(forged), { secret: SECRET }), {
      code: 'FINGERPRINT_MISMATCH',
    });
  });

  it('verifies with a changed secret right after another secret was used', () => {
    assert.ok(verifyConfirmation(body(GOOD), { secret: SECRET }).verified);
    assert.throws(() => verifyConfirmation(body(GOOD), { secret: `${SECRET}x` }), {
      code: 'FINGERPRINT_MISMATCH',
    });
    assert.ok(verifyConfirmation(body(GOOD), { secret: SECRET }).verified);
  });

  it('treats a field named __proto__ as data', () => {
    const result = verifyConfirmation(`${body(GOOD)}&__proto__=x`, { secret: SECRET });
    assert.ok(result.verified);
    assert.equal(Object.getOwnPropertyDescriptor(result.untrusted, '__proto__')?.value, 'x');
    assert.equal(Object.getPrototypeOf(result.untrusted), Object.prototype);
  });

  it('accepts PENDING signed like SUCCESS', () => {
    const pending = SIGNED.map(([n, v]): [string, string] => [
      n,
      n === 'paymentState' ? 'PENDING' : v,
    ]);
    const result = verifyConfirmation(body(signedBody(pending)), { secret: SECRET });
    assert.equal(result.paymentState, 'PENDING');
    assert.ok(result.verified);
  });

  it('verifies legacy SHA-512 fingerprints when told to', () => {
    const legacy = body(signedBody(SIGNED, ORDER, 'sha512'));
    assert.ok(verifyConfirmation(legacy, { secret: SECRET, algorithm: 'sha512' }).verified);
  });

  it('accepts the secret anywhere in the order and + or %20 for spaces', () => {
    const order = ['secret', ...NAMES, 'responseFingerprintOrder'];
    const text = body(signedBody(SIGNED, order));
    assert.ok(verifyConfirmation(text, { secret: SECRET }).verified);
    assert.ok(verifyConfirmation(text.replaceAll('+', '%20'), { secret: SECRET }).verified);
  });

  it('returns CANCEL unverified, with whatever came as untrusted', () => {
    const result = verifyConfirmation('paymentState=CANCEL&shopCartId=c-77', { secret: SECRET });
    assert.deepEqual(result, {
      paymentState: 'CANCEL',
      verified: false,
      untrusted: { paymentState: 'CANCEL', shopCartId: 'c-77' },
    });
  });

  it('returns FAILURE unverified with its parsed error list', () => {
    const result = verifyConfirmation(
      'paymentState=FAILURE&errors=1&error.1.errorCode=11009&error.1.message=Language+is+missing.&error.1.consumerMessage=Sprache+fehlt.&error.1.paySysMessage=ps',
      { secret: SECRET },
    );
    assert.equal(result.paymentState, 'FAILURE');
    assert.equal(result.verified, false);
    assert.ok(result.paymentState === 'FAILURE');
    assert.deepEqual(result.errors, [
      {
        errorCode: '11009',
        message: 'Language is missing.',
        consumerMessage: 'Sprache fehlt.',
        paySysMessage: 'ps',
      },
    ]);
  });

  it('takes URLSearchParams and records as well as strings', () => {
    assert.ok(verifyConfirmation(new URLSearchParams(GOOD), { secret: SECRET }).verified);
    assert.ok(verifyConfirmation(Object.fromEntries(GOOD), { secret: SECRET }).verified);
    const express = Object.fromEntries(GOOD.map(([n, v]) => [n, [v]]));
    assert.ok(verifyConfirmation(express, { secret: SECRET }).verified);
  });

  it('refuses repeated keys in URLSearchParams and record arrays', async () => {
    await captureError(
      () => verifyConfirmation(new URLSearchParams([...GOOD, ['amount', '1']]), { secret: SECRET }),
      'INVALID_CONFIRMATION',
    );
    await captureError(
      () =>
        verifyConfirmation(
          { ...Object.fromEntries(GOOD), amount: ['12.50', '1'] },
          { secret: SECRET },
        ),
      'INVALID_CONFIRMATION',
    );
  });

  it('refuses bodies that are not form data and a missing secret', async () => {
    await captureError(() => verifyConfirmation('', { secret: SECRET }), 'INVALID_CONFIRMATION');
    await captureError(
      () => verifyConfirmation(42 as unknown as string, { secret: SECRET }),
      'INVALID_CONFIRMATION',
    );
    await captureError(() => verifyConfirmation(body(GOOD), { secret: '' }), 'INVALID_INPUT');
  });

  it('turns any other failure while reading the body into INVALID_CONFIRMATION', async () => {
    const hostile = {
      get paymentState(): string {
        throw new RangeError('Invalid string length');
      },
    };
    const error = await captureError(
      () => verifyConfirmation(hostile, { secret: SECRET }),
      'INVALID_CONFIRMATION',
    );
    assert.equal(error.cause, undefined);
  });

  it('fails with a fixed message that names no value on mismatch', async () => {
    const error = await captureError(
      () => verifyConfirmation(body(replace('amount', '99.99')), { secret: SECRET }),
      'FINGERPRINT_MISMATCH',
      ['99.99', '5472113'],
    );
    assert.equal(error.message, 'The confirmation fingerprint does not match');
  });
});

describe('signTestConfirmation', () => {
  it('signs exactly like the gateway sequence, so the verifier accepts it', () => {
    const text = signTestConfirmation(Object.fromEntries(SIGNED), { secret: SECRET });
    assert.equal(text, body(GOOD));
    assert.ok(verifyConfirmation(text, { secret: SECRET }).verified);
  });

  it('signs with a given order and algorithm', () => {
    const text = signTestConfirmation(Object.fromEntries(SIGNED), {
      secret: SECRET,
      algorithm: 'sha512',
      order: ['secret', ...NAMES, 'responseFingerprintOrder'],
    });
    assert.ok(verifyConfirmation(text, { secret: SECRET, algorithm: 'sha512' }).verified);
    assert.throws(() => verifyConfirmation(text, { secret: SECRET }), {
      code: 'FINGERPRINT_MISMATCH',
    });
  });
});
