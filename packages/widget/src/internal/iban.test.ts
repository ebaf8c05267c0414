import { expect } from '@open-wc/testing';
import { formatIban, ibanValid, normalizeIban } from './iban.ts';

describe('IBAN checks', () => {
  it('accepts valid IBANs with or without spaces', () => {
    expect(ibanValid('DE89 3704 0044 0532 0130 00')).to.equal(true);
    expect(ibanValid('at611904300234573201')).to.equal(true);
    expect(ibanValid('GB82WEST12345698765432')).to.equal(true);
  });

  it('rejects a wrong checksum or shape', () => {
    expect(ibanValid('DE88370400440532013000')).to.equal(false);
    expect(ibanValid('1234123412341234')).to.equal(false);
    expect(ibanValid('DE89')).to.equal(false);
  });

  it('normalises and groups for display', () => {
    expect(normalizeIban(' de89 3704 ')).to.equal('DE893704');
    expect(formatIban('DE89370400440532013000')).to.equal('DE89 3704 0044 0532 0130 00');
  });
});
