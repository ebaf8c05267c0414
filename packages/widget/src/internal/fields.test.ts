import { expect } from '@open-wc/testing';
import { en } from '../locales/en.ts';
import {
  checkFields,
  paymentInformation,
  paymentTypeOf,
  type TypeSpec,
  typeSpec,
} from './fields.ts';

async function spec(type: Parameters<typeof typeSpec>[0]): Promise<TypeSpec> {
  const found = await typeSpec(type);
  if (!found) throw new Error(`no spec for ${type}`);
  return found;
}

const now = new Date(2026, 10, 15);

describe('field checks', async () => {
  it('reports every missing card field, expiry as one', async () => {
    const problems = checkFields(await spec('CCARD'), {}, { strings: en, now });
    expect(Object.keys(problems).sort()).to.deep.equal([
      'cardholdername',
      'cardverifycode',
      'expiry',
      'pan',
    ]);
  });

  it('passes a complete valid card', async () => {
    const values = {
      pan: '4111 1111 1111 1111',
      expirationMonth: '12',
      expirationYear: '2031',
      cardverifycode: '123',
      cardholdername: 'Jane Doe',
    };
    expect(checkFields(await spec('CCARD'), values, { strings: en, now })).to.deep.equal({});
  });

  it('names the CVC length of the detected brand', async () => {
    const problems = checkFields(
      await spec('CCARD'),
      { pan: '378282246310005', cardverifycode: '123' },
      { strings: en, now },
    );
    expect(problems.cardverifycode).to.equal('Enter the 4-digit security code.');
  });

  it('checks the IBAN checksum, BIC shape and the simple numeric types', async () => {
    expect(
      checkFields(
        await spec('SEPA-DD'),
        { accountOwner: 'A', bankAccountIban: 'DE88370400440532013000', bankBic: 'x' },
        { strings: en, now },
      ),
    ).to.deep.equal({ bankAccountIban: 'This IBAN is not valid.', bankBic: en.invalidFormat });
    expect(
      checkFields(await spec('PBX'), { payerPayboxNumber: '12' }, { strings: en, now }),
    ).to.deep.equal({
      payerPayboxNumber: en.invalidFormat,
    });
    expect(
      checkFields(
        await spec('GIROPAY'),
        { bankAccount: '12x', bankNumber: '123' },
        { strings: en, now },
      ),
    ).to.deep.equal({ bankAccount: en.invalidFormat, bankNumber: en.invalidFormat });
    expect(
      checkFields(await spec('VOUCHER'), { voucherId: 'V-1' }, { strings: en, now }),
    ).to.deep.equal({});
  });

  it('builds the gateway paymentInformation with digits, padded month and four-digit year', async () => {
    expect(
      paymentInformation(await spec('CCARD'), {
        pan: '4111 1111 1111 1111',
        expirationMonth: '1',
        expirationYear: '31',
        cardverifycode: '123',
      }),
    ).to.deep.equal({
      pan: '4111111111111111',
      expirationMonth: '01',
      expirationYear: '2031',
      cardverifycode: '123',
    });
    expect(
      paymentInformation(await spec('SEPA-DD'), {
        bankAccountIban: 'de89 3704 0044 0532 0130 00',
        bankBic: 'cobadeffxxx',
      }),
    ).to.deep.equal({
      bankAccountIban: 'DE89370400440532013000',
      bankBic: 'COBADEFFXXX',
    });
  });

  it('reads payment types case-insensitively and refuses unknown ones', async () => {
    expect(paymentTypeOf('sepa-dd')).to.equal('SEPA-DD');
    expect(paymentTypeOf('')).to.equal('CCARD');
    expect(await typeSpec('PAYPAL' as 'PBX')).to.equal(undefined);
  });
});
