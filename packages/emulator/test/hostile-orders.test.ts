/**
 * Issue 10 item 4: a request-supplied fingerprint order is checked before any message is built.
 * A repeated name would make the message a multiple of the body (one 60 000-character field
 * listed 30 000 times is 1.8 GB); backend's `basketItems` would make the fixed order as long as
 * the number says.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backendFingerprintOrder, encodeForm } from '@qenta-seamless/server-helpers/protocol';
import { createEmulator, type Emulator } from '../src/index.ts';
import { DEMO, errorCodes, post, sign } from './support/api.ts';
import { paymentRequest, signPayment } from './support/frontend.ts';

describe('request-supplied fingerprint orders', () => {
  let emulator: Emulator;
  let url: string;
  before(async () => {
    emulator = await createEmulator();
    url = `${emulator.baseUrl}/frontend/init`;
  });
  after(() => emulator.close());

  it('refuses with 18603 an order that names a field 30 000 times, before building anything', async () => {
    // 124 KB within the POST limits (§10); its message would be 1.8 GB.
    const fields = paymentRequest({ n: 'x'.repeat(60_000) });
    const order = [
      ...Object.keys(fields),
      ...Array.from({ length: 30_000 }, () => 'n'),
      'secret',
      'requestFingerprintOrder',
    ];
    // Any fingerprint: the emulator must not get as far as computing its own.
    const body = encodeForm({
      ...fields,
      requestFingerprintOrder: order.join(','),
      requestFingerprint: 'a'.repeat(128),
    });
    const started = performance.now();
    const answer = await post(url, body);
    assert.deepEqual(errorCodes(answer.fields), ['18603']);
    // 1.8 GB of message would take far longer than this (or fail) on any machine.
    assert.ok(performance.now() - started < 2_000, 'answered without building the message');
  });

  it('refuses with 18603 a correctly signed order that names a field twice in another case', async () => {
    const fields = paymentRequest();
    const order = [...Object.keys(fields), 'AMOUNT', 'secret', 'requestFingerprintOrder'];
    const answer = await post(url, encodeForm(signRepeated(fields, order)));
    assert.deepEqual(errorCodes(answer.fields), ['18603']);
  });

  it('refuses with 18603 an order with more names than the request has fields', async () => {
    const fields = paymentRequest();
    const absent = Array.from({ length: 500 }, (_, index) => `absent${index}`);
    const signed = signPayment(fields, {
      order: [...Object.keys(fields), ...absent, 'secret', 'requestFingerprintOrder'],
    });
    const answer = await post(url, encodeForm(signed));
    assert.deepEqual(errorCodes(answer.fields), ['18603']);
  });

  it('still answers 11500 first when customerId is missing (§11.3), without building anything', async () => {
    const fields = paymentRequest({ customerId: undefined });
    const order = [...Object.keys(fields), 'amount', 'amount', 'secret', 'requestFingerprintOrder'];
    const answer = await post(url, encodeForm(signRepeated(fields, order)));
    assert.deepEqual(errorCodes(answer.fields), ['11500']);
  });

  it('refuses with 18628 a backend basketItems above the fields the body has', async () => {
    const fields = {
      customerId: DEMO.customerId,
      shopId: DEMO.shopId,
      password: DEMO.password,
      language: 'en',
      orderNumber: '5472113',
      amount: '1.00',
      currency: 'EUR',
      basketItems: '200000',
    };
    const signed = sign(fields, backendFingerprintOrder('refund', { basketItems: '1' }));
    const started = performance.now();
    const answer = await post(`${emulator.baseUrl}/backend/refund`, encodeForm(signed));
    assert.deepEqual(errorCodes(answer.fields), ['18628']);
    assert.equal(answer.fields.status, '1');
    assert.ok(performance.now() - started < 2_000);
  });
});

/** Signs with exactly the given order (repeats included), as an attacker who knows the secret could. */
function signRepeated(fields: Record<string, string>, order: string[]): Record<string, string> {
  return signPayment(fields, { order });
}
