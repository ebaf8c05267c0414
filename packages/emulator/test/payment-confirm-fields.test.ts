import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseErrorBlock,
  parseFingerprintOrder,
  verifyFingerprint,
} from '@qenta-seamless/server-helpers/protocol';
import { buildConfirmFields } from '../src/browser/confirm-fields.ts';
import { declineError } from '../src/browser/store-errors.ts';
import type { Merchant } from '../src/context.ts';

const merchant: Merchant = {
  customerId: 'D200001',
  shopIds: ['qmore'],
  secret: 'B8AKTPWBRMNBV455FG6M2DANE99WU2',
  backendPassword: 'jcv45z',
  algorithm: 'hmac-sha512',
  currencies: ['EUR'],
};

const session = {
  merchant,
  orderNumber: '1234567',
  request: { amount: '12.50', currency: 'EUR', paymentType: 'CCARD', language: 'en' },
  customParameters: { shopOrderId: 'A-17' },
  paymentInformation: {
    anonymousPan: '0001',
    maskedPan: '950000******0001',
    financialInstitution: 'MC',
    brand: 'MasterCard',
    cardholdername: 'Jane Doe',
    expiry: '12/2031',
  },
};

describe('buildConfirmFields', () => {
  it('signs SUCCESS in the canonical order with custom parameters before secret', () => {
    const fields = buildConfirmFields({ session, state: 'SUCCESS', authenticated: true, now: 0 });
    const order = parseFingerprintOrder(fields.responseFingerprintOrder ?? '');
    assert.deepEqual(order.slice(0, 7), [
      'amount',
      'currency',
      'paymentType',
      'financialInstitution',
      'language',
      'orderNumber',
      'paymentState',
    ]);
    assert.deepEqual(order.slice(-3), ['shopOrderId', 'secret', 'responseFingerprintOrder']);
    assert.equal(fields.gatewayReferenceNumber, 'DGW_1234567_RN');
    assert.equal(fields.gatewayContractNumber, 'DemoContractNumber123');
    assert.equal(fields.authenticated, 'Yes');
    assert.equal(fields.maskedPan, '950000******0001');
    assert.equal(fields.financialInstitution, 'MC');
    assert.equal(fields.shopOrderId, 'A-17');
    assert.ok(verifyFingerprint(fields, order, merchant.secret, fields.responseFingerprint ?? ''));
    assert.ok(
      !verifyFingerprint(
        { ...fields, amount: '1250' },
        order,
        merchant.secret,
        fields.responseFingerprint ?? '',
      ),
    );
  });

  it('signs PENDING with the legacy algorithm when the merchant uses it', () => {
    const legacy = { ...session, merchant: { ...merchant, algorithm: 'sha512' as const } };
    const fields = buildConfirmFields({ session: legacy, state: 'PENDING', now: 0 });
    const order = parseFingerprintOrder(fields.responseFingerprintOrder ?? '');
    assert.equal(fields.paymentState, 'PENDING');
    assert.equal(fields.authenticated, 'No');
    assert.ok(
      verifyFingerprint(fields, order, merchant.secret, fields.responseFingerprint ?? '', {
        algorithm: 'sha512',
      }),
    );
  });

  it('sends CANCEL without fingerprint, and FAILURE with the error block and no fingerprint', () => {
    const cancel = buildConfirmFields({ session, state: 'CANCEL', now: 0 });
    assert.equal(cancel.paymentState, 'CANCEL');
    assert.equal(cancel.responseFingerprint, undefined);
    assert.equal(cancel.responseFingerprintOrder, undefined);
    assert.equal(cancel.shopOrderId, 'A-17');
    const failure = buildConfirmFields({
      session,
      state: 'FAILURE',
      errors: [declineError('declined', 'en')],
      now: 0,
    });
    assert.equal(failure.responseFingerprint, undefined);
    assert.equal(failure.errors, '1');
    assert.equal(parseErrorBlock(failure)[0]?.errorCode, '20005');
    assert.equal(failure.maskedPan, undefined);
  });

  it('adds the result fields of redirect payment types', () => {
    const paypal = buildConfirmFields({
      session: {
        merchant,
        orderNumber: '1234567',
        customParameters: {},
        request: { ...session.request, paymentType: 'PAYPAL' },
      },
      state: 'SUCCESS',
      now: 0,
    });
    assert.equal(paypal.financialInstitution, 'PayPal');
    assert.ok(paypal.paypalPayerID);
    assert.ok(
      parseFingerprintOrder(paypal.responseFingerprintOrder ?? '').includes('paypalPayerEmail'),
    );
    const sepa = buildConfirmFields({
      session: { ...session, request: { ...session.request, paymentType: 'SEPA-DD' } },
      state: 'SUCCESS',
      now: Date.UTC(2026, 0, 1),
    });
    assert.equal(sepa.mandateSignatureDate, '2026-01-01');
    assert.equal(sepa.dueDate, '2026-01-06');
  });
});
