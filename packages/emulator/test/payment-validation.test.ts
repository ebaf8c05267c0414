import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardBrand, ibanValid, luhnValid, maskIban, maskPan } from '../src/browser/card-checks.ts';
import { validatePaymentInformation } from '../src/browser/payment-validation.ts';
import { TEST_CARDS } from '../src/browser/test-cards.ts';

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0);

function card(fields: Record<string, string>, language = 'en', paymentType = 'CCARD') {
  return validatePaymentInformation({
    paymentType,
    fields: { expirationMonth: '12', expirationYear: '2031', cardverifycode: '123', ...fields },
    language,
    now: NOW,
  });
}

function codes(result: ReturnType<typeof validatePaymentInformation>): string[] {
  assert.equal(result.ok, false);
  return result.ok ? [] : result.errors.map((error) => error.errorCode);
}

describe('card checks', () => {
  it('computes Luhn, brands and masks', () => {
    assert.equal(luhnValid('4111111111111111'), true);
    assert.equal(luhnValid('4111111111111112'), false);
    assert.equal(cardBrand('9400000000000004')?.financialInstitution, 'Visa');
    assert.equal(cardBrand('9500000000000001')?.brand, 'MasterCard');
    assert.equal(cardBrand('9600000000000005')?.brand, 'Maestro');
    assert.equal(cardBrand('378282246310005')?.cvcLength, 4);
    assert.equal(cardBrand('1234567890123'), undefined);
    assert.equal(maskPan('9400000000000004'), '940000******0004');
    assert.equal(ibanValid('DE89 3704 0044 0532 0130 00'), true);
    assert.equal(ibanValid('DE88370400440532013000'), false);
    assert.equal(maskIban('DE89370400440532013000'), 'DE89**************3000');
  });
});

describe('validatePaymentInformation', () => {
  it('accepts every demo PAN although they fail Luhn, and anonymises it', () => {
    for (const testCard of TEST_CARDS) {
      const type = testCard.paymentTypes[0] ?? 'CCARD';
      const cvc = testCard.brand === 'American Express' ? '1234' : '123';
      const result = card({ pan: testCard.pan, cardverifycode: cvc }, 'en', type);
      assert.equal(result.ok, true, testCard.pan);
      if (!result.ok) continue;
      assert.equal(result.anonymized.maskedPan, maskPan(testCard.pan));
      assert.equal(result.anonymized.anonymousPan, testCard.pan.slice(-4));
      assert.equal(result.anonymized.financialInstitution, testCard.financialInstitution);
      assert.equal(result.anonymized.brand, testCard.brand);
      assert.equal(result.anonymized.expiry, '12/2031');
      assert.ok(!JSON.stringify(result.anonymized).includes(testCard.pan));
    }
  });

  it('rejects a non-demo PAN failing Luhn with 18521', () => {
    assert.deepEqual(codes(card({ pan: '4111111111111112' })), ['18521']);
  });

  it('rejects PANs of the wrong length or with letters', () => {
    assert.deepEqual(codes(card({ pan: '411111111111' })), ['15521']);
    assert.deepEqual(codes(card({ pan: '41111111111111111111' })), ['15521']);
    assert.deepEqual(codes(card({ pan: '4111abcd11111111' })), ['16521']);
    assert.deepEqual(codes(card({ pan: '' })), ['11521']);
  });

  it('rejects an expired card with 20004 in the storage language', () => {
    const result = card(
      { pan: '9500000000000001', expirationMonth: '01', expirationYear: '2000' },
      'de',
    );
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.errors[0]?.errorCode, '20004');
    assert.equal(result.errors[0]?.consumerMessage, 'Ihre Kreditkarte ist abgelaufen.');
    assert.equal(result.errors[0]?.message, 'Your credit card has expired.');
  });

  it('accepts the current month and a two-digit year', () => {
    assert.equal(
      card({ pan: '9500000000000002', expirationMonth: '11', expirationYear: '2026' }).ok,
      true,
    );
    const result = card({ pan: '9500000000000002', expirationMonth: '3', expirationYear: '31' });
    assert.ok(result.ok && result.anonymized.expiry === '03/2031');
    assert.deepEqual(
      codes(card({ pan: '9500000000000002', expirationMonth: '10', expirationYear: '2026' })),
      ['20004'],
    );
  });

  it('checks the CVC format: 3 digits, 4 for Amex', () => {
    assert.deepEqual(codes(card({ pan: '4111111111111111', cardverifycode: '12' })), ['16523']);
    assert.deepEqual(codes(card({ pan: '378282246310005', cardverifycode: '123' })), ['16523']);
    assert.equal(card({ pan: '378282246310005', cardverifycode: '1234' }).ok, true);
  });

  it("checks issue fields only for a brand that uses them (Maestro); others ignore the example shop's 01/2013/1234", () => {
    const example = { issueMonth: '01', issueYear: '2013', issueNumber: '1234' };
    for (const pan of ['4111111111111111', '9500000000000001', '378282246310005']) {
      const cvc = pan.startsWith('37') ? '1234' : '123';
      const result = card({ pan, cardverifycode: cvc, ...example });
      assert.equal(result.ok, true, pan);
      if (result.ok) assert.ok(!JSON.stringify(result.anonymized).includes('1234'));
    }
    assert.deepEqual(codes(card({ pan: '9600000000000005', ...example }, 'en', 'MAESTRO')), [
      '16525',
    ]);
    assert.deepEqual(
      codes(card({ pan: '9600000000000005', issueMonth: 'x', issueYear: '13' }, 'en', 'MAESTRO')),
      ['18526'],
    );
    assert.equal(
      card({ pan: '9600000000000005', ...example, issueNumber: '12' }, 'en', 'MAESTRO').ok,
      true,
    );
  });

  it('limits the cardholder name to 30 characters and reports every problem at once', () => {
    const result = card({
      pan: '4111111111111112',
      cardholdername: 'x'.repeat(31),
      cardverifycode: '1',
    });
    assert.deepEqual(codes(result), ['18521', '16523', '15524']);
  });

  it('localises consumer messages in German with HTML entities', () => {
    const result = card({ pan: '4111111111111112' }, 'de');
    assert.ok(!result.ok);
    assert.equal(result.errors[0]?.consumerMessage, 'Kartennummer ist ung&#252;ltig.');
    assert.equal(result.errors[0]?.message, 'PAN is invalid.');
  });

  it('checks the IBAN checksum and BIC format for SEPA-DD and masks the IBAN', () => {
    const sepa = (fields: Record<string, string>) =>
      validatePaymentInformation({ paymentType: 'SEPA-DD', fields, language: 'en', now: NOW });
    const ok = sepa({
      accountOwner: 'Jane Doe',
      bankAccountIban: 'DE89370400440532013000',
      bankBic: 'COBADEFFXXX',
    });
    assert.ok(ok.ok);
    assert.equal(ok.anonymized.bankAccountIban, 'DE89**************3000');
    assert.equal(ok.sensitive.bankAccountIban, 'DE89370400440532013000');
    assert.deepEqual(
      codes(sepa({ accountOwner: 'J', bankAccountIban: 'DE88370400440532013000' })),
      ['18531'],
    );
    assert.deepEqual(
      codes(sepa({ accountOwner: 'J', bankAccountIban: 'DE89370400440532013000', bankBic: 'CO1' })),
      ['18532'],
    );
    assert.deepEqual(codes(sepa({})), ['11530', '11531']);
    assert.ok(
      sepa({ accountOwner: 'John Doe', bankAccountIban: '1234123412341234', bankBic: 'ABC1234567' })
        .ok,
    );
  });

  it('checks PBX, GIROPAY and VOUCHER fields', () => {
    const run = (paymentType: string, fields: Record<string, string>) =>
      validatePaymentInformation({ paymentType, fields, language: 'en', now: NOW });
    assert.ok(run('PBX', { payerPayboxNumber: '0123456789' }).ok);
    assert.deepEqual(codes(run('PBX', { payerPayboxNumber: 'abc' })), ['18540']);
    assert.ok(run('GIROPAY', { bankAccount: '1234567890', bankNumber: '99000001' }).ok);
    assert.deepEqual(codes(run('GIROPAY', { bankAccount: '1234567890', bankNumber: '123' })), [
      '18542',
    ]);
    assert.ok(run('VOUCHER', { voucherId: '0123456789' }).ok);
    assert.deepEqual(codes(run('VOUCHER', {})), ['11543']);
  });

  it('rejects an unknown or missing payment type', () => {
    assert.deepEqual(
      codes(
        validatePaymentInformation({ paymentType: 'PAYPAL', fields: {}, language: 'en', now: NOW }),
      ),
      ['18051'],
    );
    assert.deepEqual(
      codes(validatePaymentInformation({ paymentType: '', fields: {}, language: 'en', now: NOW })),
      ['11051'],
    );
  });
});
