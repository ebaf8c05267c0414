import { expect } from '@open-wc/testing';
import { isStorageGone, toStoreErrors } from './gateway-errors.ts';

describe('gateway error mapping', () => {
  it('treats any error on the STORAGEID parameter as a gone storage', () => {
    expect(isStorageGone('18302')).to.equal(true);
    expect(isStorageGone('11302')).to.equal(true);
    expect(isStorageGone('18521')).to.equal(false);
    expect(isStorageGone('20302')).to.equal(false);
  });

  it('assigns errors to fields and decodes consumer messages', () => {
    const errors = toStoreErrors([
      {
        errorCode: '18521',
        message: 'PAN is invalid.',
        consumerMessage: 'Kartennummer ist ung&#252;ltig.',
      },
      { errorCode: '20004', message: 'Your credit card has expired.' },
      { errorCode: '10000', message: 'Other.', consumerMessage: 'Other.' },
    ]);
    expect(errors[0]).to.deep.equal({
      errorCode: '18521',
      message: 'PAN is invalid.',
      consumerMessage: 'Kartennummer ist ungültig.',
      field: 'pan',
    });
    expect(errors[1]?.field).to.equal('expiry');
    expect(errors[1]?.consumerMessage).to.equal('Your credit card has expired.');
    expect(errors[2]?.field).to.equal(undefined);
  });

  it('accepts the object form iterated with for…in and a missing list', () => {
    expect(toStoreErrors({ 0: { errorCode: '18531' } })[0]?.field).to.equal('bankAccountIban');
    expect(toStoreErrors(undefined)).to.deep.equal([]);
  });
});
