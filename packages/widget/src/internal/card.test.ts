import { expect } from '@open-wc/testing';
import {
  cvcLength,
  cvcProblem,
  detectBrand,
  expiryProblem,
  formatPan,
  fullYear,
  luhnValid,
  panProblem,
} from './card.ts';

describe('card checks', () => {
  it('accepts Luhn-valid numbers and rejects a changed digit', () => {
    expect(luhnValid('4111111111111111')).to.equal(true);
    expect(luhnValid('378282246310005')).to.equal(true);
    expect(luhnValid('4111111111111112')).to.equal(false);
    expect(luhnValid('41a1')).to.equal(false);
  });

  const brands: [string, string][] = [
    ['4111111111111111', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2221000000000009', 'mastercard'],
    ['6759649826438453', 'maestro'],
    ['5018000000000009', 'maestro'],
    ['378282246310005', 'amex'],
    ['30569309025904', 'diners'],
    ['6011111111111117', 'discover'],
    ['3530111333300000', 'jcb'],
  ];
  for (const [pan, brand] of brands) {
    it(`detects ${brand} from ${pan.slice(0, 4)}…`, () => {
      expect(detectBrand(pan)).to.equal(brand);
    });
  }

  it('maps the demo prefixes 94/95/96 only in test mode', () => {
    expect(detectBrand('9400000000000004', { testMode: true })).to.equal('visa');
    expect(detectBrand('9500000000000001', { testMode: true })).to.equal('mastercard');
    expect(detectBrand('9600000000000005', { testMode: true })).to.equal('maestro');
    expect(detectBrand('9400000000000004')).to.equal(undefined);
  });

  it('spaces numbers in fours, Amex as 4-6-5', () => {
    expect(formatPan('4111111111111111')).to.equal('4111 1111 1111 1111');
    expect(formatPan('3782 8224 6310 005')).to.equal('3782 822463 10005');
    expect(formatPan('41111')).to.equal('4111 1');
  });

  it('accepts demo PANs only in test mode', () => {
    expect(panProblem('9500000000000001')).to.equal('luhn');
    expect(panProblem('9500000000000001', { testMode: true })).to.equal(undefined);
    expect(panProblem('')).to.equal('missing');
    expect(panProblem('4111')).to.equal('length');
    expect(panProblem('37828224631000')).to.equal('length');
  });

  it('rejects expiry dates in the past and accepts the current month', () => {
    const now = new Date(2026, 10, 15);
    expect(expiryProblem('10', '2026', now)).to.equal('past');
    expect(expiryProblem('11', '2026', now)).to.equal(undefined);
    expect(expiryProblem('12', '31', now)).to.equal(undefined);
    expect(expiryProblem('13', '2031', now)).to.equal('format');
    expect(expiryProblem('', '2031', now)).to.equal('missing');
    expect(fullYear('31')).to.equal(2031);
  });

  it('wants 4 CVC digits for Amex and 3 for the others', () => {
    expect(cvcLength('amex')).to.equal(4);
    expect(cvcProblem('123', 'amex')).to.equal('length');
    expect(cvcProblem('1234', 'amex')).to.equal(undefined);
    expect(cvcProblem('123', 'visa')).to.equal(undefined);
    expect(cvcProblem('12', undefined)).to.equal('length');
    expect(cvcProblem('', 'visa')).to.equal('missing');
  });
});
