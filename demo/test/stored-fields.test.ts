import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exceedsPostLimits } from '../server/confirm-limits.ts';
import { formValue, storedFields, UNSIGNED_FIELDS_BUDGET } from '../server/stored-fields.ts';

describe('stored fields', () => {
  it('keeps a small body whole, decoded, without the fingerprint', () => {
    const stored = storedFields('paymentState=CANCEL&note=a+b%C3%A9&responseFingerprint=ff');
    assert.deepEqual(stored.fields, { paymentState: 'CANCEL', note: 'a bé' });
    assert.equal(stored.clipped, false);
    assert.equal(stored.bodyBytes, 57);
  });

  it('clips unsigned fields to the budget and says so', () => {
    const body = `paymentState=FAILURE&x=${'%41'.repeat(100_000)}&y=1`;
    const stored = storedFields(body);
    assert.equal(stored.clipped, true);
    assert.equal(stored.bodyBytes, body.length);
    assert.equal(stored.fields.paymentState, 'FAILURE');
    assert.equal(
      stored.fields.x,
      'A'.repeat(UNSIGNED_FIELDS_BUDGET - 'paymentStateFAILUREx'.length),
    );
    assert.equal(stored.fields.y, undefined);
  });

  it('keeps signed fields whole whatever the unsigned ones take', () => {
    const body = `junk=${'j'.repeat(10_000)}&orderNumber=123&amount=1.00&more=${'m'.repeat(10_000)}`;
    const stored = storedFields(body, { signed: new Set(['orderNumber', 'amount']) });
    assert.equal(stored.fields.orderNumber, '123');
    assert.equal(stored.fields.amount, '1.00');
    assert.equal(stored.clipped, true);
    assert.ok(JSON.stringify(stored.fields).length < UNSIGNED_FIELDS_BUDGET + 100);
  });

  it('keeps the first value of a repeated name and a __proto__ name as a plain field', () => {
    const stored = storedFields('a=1&a=2&__proto__=x');
    assert.equal(stored.fields.a, '1');
    assert.equal(Object.getPrototypeOf(stored.fields), Object.prototype);
    assert.equal(Object.hasOwn(stored.fields, '__proto__'), true);
    assert.equal(stored.clipped, true);
  });

  it('finds the first value of a name', () => {
    assert.equal(formValue('a=1&shopOrderId=SO-1&shopOrderId=SO-2', 'shopOrderId'), 'SO-1');
    assert.equal(formValue('a=1', 'shopOrderId'), undefined);
  });
});

describe('protocol limits of a confirmation body', () => {
  it('refuses more than 12 000 parameters, a name over 64 and a value over 65 000 characters', () => {
    assert.equal(exceedsPostLimits('a=1&'.repeat(12_000)), false);
    assert.equal(exceedsPostLimits('a=1&'.repeat(12_001)), true);
    assert.equal(exceedsPostLimits(`${'n'.repeat(64)}=1`), false);
    assert.equal(exceedsPostLimits(`${'n'.repeat(65)}=1`), true);
    assert.equal(exceedsPostLimits(`v=${'%41'.repeat(65_000)}`), false);
    assert.equal(exceedsPostLimits(`v=${'x'.repeat(65_001)}`), true);
  });
});
