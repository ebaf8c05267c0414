import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyConfirmation } from '../src/index.ts';
import { signTestConfirmation } from '../src/testing.ts';
import { captureError, SECRET } from './support/errors.ts';

// The gateway's canonical sequence (qenta-protocol §2.6) for a card SUCCESS.
const GENUINE: [string, string][] = [
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
];
const ORDER = [...GENUINE.map(([name]) => name), 'secret', 'responseFingerprintOrder'];

function signed(changes: Record<string, string> = {}): string {
  const fields = Object.fromEntries(GENUINE.map(([name, value]) => [name, changes[name] ?? value]));
  return signTestConfirmation(fields, { secret: SECRET, order: ORDER });
}

const fingerprintOf = (body: string) => new URLSearchParams(body).get('responseFingerprint');

describe('verifyConfirmation checks formats after the fingerprint matched', () => {
  it('accepts the documented formats, including numeric currency, comma decimals and empty card fields', () => {
    for (const changes of [
      {},
      { currency: '978' },
      { amount: '12,5' },
      { amount: '1000' },
      { language: 'DE' },
      { anonymousPan: '', expiry: '', authenticated: '' },
      { authenticated: 'NO' },
      { paymentType: 'CCARD-MOTO' },
      { paymentType: 'EPAY_BG' },
      { currency: 'JPY', amount: '1000' },
      { currency: 'LYD', amount: '1.125' },
    ]) {
      const result = verifyConfirmation(signed(changes), { secret: SECRET });
      assert.ok(result.verified, JSON.stringify(changes));
    }
  });

  // Issue 10 item 7: the same concatenation, cut elsewhere; the fingerprint is unchanged.
  const recuts: [string, Record<string, string>, string][] = [
    [
      'characters moved from orderNumber into language',
      { language: 'en54', orderNumber: '72113' },
      'language',
    ],
    [
      'characters moved from language into orderNumber',
      { language: '', orderNumber: 'en5472113' },
      'orderNumber',
    ],
    ['the currency letter moved into the amount', { amount: '12.50E', currency: 'UR' }, 'amount'],
    ['the amount digit moved into the currency', { amount: '12.5', currency: '0EUR' }, 'currency'],
    [
      'paymentType letters moved into currency',
      { currency: 'EURC', paymentType: 'CARD' },
      'currency',
    ],
  ];
  for (const [title, changes, field] of recuts) {
    it(`refuses a re-cut confirmation: ${title}`, async () => {
      const body = signed(changes);
      assert.equal(
        fingerprintOf(body),
        fingerprintOf(signed()),
        'the re-cut keeps the fingerprint',
      );
      const error = await captureError(
        () => verifyConfirmation(body, { secret: SECRET }),
        'INVALID_FIELD_FORMAT',
      );
      assert.equal(error.issues[0]?.path, field);
    });
  }

  const broken: [string, string][] = [
    ['orderNumber', 'abc'],
    ['orderNumber', '1234567890'],
    ['orderNumber', ' 12'],
    ['amount', '1e3'],
    ['amount', '-1'],
    ['amount', '1.'],
    ['amount', '1,000.00'],
    ['amount', '12.505'],
    ['currency', 'EURO'],
    ['currency', 'E1R'],
    ['paymentType', 'CC CARD'],
    ['paymentType', ''],
    ['language', 'eng'],
    ['language', 'e1'],
    ['gatewayReferenceNumber', 'x'.repeat(256)],
    ['anonymousPan', '12345'],
    ['expiry', '13/2031'],
    ['expiry', '1/2031'],
    ['authenticated', 'maybe'],
  ];
  for (const [field, value] of broken) {
    it(`refuses a signed ${field} of ${JSON.stringify(value.slice(0, 20))} with INVALID_FIELD_FORMAT`, async () => {
      const expected =
        field === 'paymentType' && value === ''
          ? 'FINGERPRINT_ORDER_INCOMPLETE'
          : 'INVALID_FIELD_FORMAT';
      const error = await captureError(
        () => verifyConfirmation(signed({ [field]: value }), { secret: SECRET }),
        expected,
      );
      if (expected === 'INVALID_FIELD_FORMAT') {
        assert.equal(error.issues[0]?.path, field);
        assert.ok(!error.message.includes(value) || value.length < 2);
      }
    });
  }

  it('checks only what the fingerprint covered: an unsigned odd value stays untrusted', () => {
    const fields = { ...Object.fromEntries(GENUINE), expiry: 'garbage' };
    const order = ORDER.filter((name) => name !== 'expiry');
    const result = verifyConfirmation(signTestConfirmation(fields, { secret: SECRET, order }), {
      secret: SECRET,
    });
    assert.ok(result.verified);
    assert.equal(result.untrusted.expiry, 'garbage');
  });
});
