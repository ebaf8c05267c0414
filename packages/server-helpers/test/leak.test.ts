import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createConfirmHandler,
  createQentaClient,
  QENTA_ERROR_CODES,
  type QentaErrorCode,
  verifyConfirmation,
} from '../src/index.ts';
import { signTestConfirmation } from '../src/testing.ts';
import { captureError, MERCHANT, PASSWORD, SECRET, scanned } from './support/errors.ts';
import { type Answer, type FakeGateway, startGateway } from './support/gateway.ts';

// A hostile or buggy gateway that quotes the whole request back in its error texts.
function echoingError(body: string): string {
  return new URLSearchParams({
    errors: '1',
    'error.1.errorCode': '18506',
    'error.1.message': `REQUESTFINGERPRINT is invalid. Request was: ${decodeURIComponent(body)}`,
    'error.1.consumerMessage': `secret ${SECRET} password ${PASSWORD}`,
    status: '1',
  }).toString();
}

describe('secrets, passwords and fingerprints never leak', () => {
  let gateway: FakeGateway;
  let reply: (body: string) => Answer;
  const logged: string[] = [];
  const originals = { ...console };
  before(async () => {
    gateway = await startGateway((request) => reply(request.body));
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      console[method] = (...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      };
    }
  });
  after(async () => {
    Object.assign(console, originals);
    await gateway.close();
  });

  it('provokes every error code and finds no secret in any view of any of them', async () => {
    const seen = new Set<QentaErrorCode>();
    const client = createQentaClient({
      ...MERCHANT,
      secret: SECRET,
      backendPassword: PASSWORD,
      baseUrl: gateway.baseUrl,
      // Generous: on a busy machine a 200 ms limit turned a gateway error into TIMEOUT.
      timeoutMs: 10_000,
    });
    const impatient = createQentaClient({
      ...MERCHANT,
      secret: SECRET,
      backendPassword: PASSWORD,
      baseUrl: gateway.baseUrl,
      timeoutMs: 200,
    });
    const provoke = async (code: QentaErrorCode, action: () => unknown) => {
      const error = await captureError(action, code);
      seen.add(error.code);
      for (const detail of error.gatewayErrors) {
        assert.ok(!JSON.stringify(detail).includes(PASSWORD));
      }
    };
    reply = (body) => ({ body: echoingError(body) });
    await provoke('GATEWAY_ERROR', () =>
      client.backend.refund({ orderNumber: '1', amount: '1', currency: 'EUR' }),
    );
    await provoke('GATEWAY_ERROR', () =>
      client.dataStorage.init({ orderIdent: 'o', returnUrl: 'https://a.example/', language: 'en' }),
    );
    reply = (body) => ({ status: 500, body, contentType: 'text/plain' });
    await provoke('HTTP_ERROR', () => client.backend.generateOrderNumber());
    reply = (body) => ({ body: `<html>${body}</html>`, contentType: 'text/html' });
    await provoke('INVALID_RESPONSE', () => client.backend.generateOrderNumber());
    reply = () => ({ body: 'status=0', delayMs: 1000 });
    await provoke('TIMEOUT', () => impatient.backend.generateOrderNumber());
    await provoke('NETWORK_ERROR', () =>
      createQentaClient({
        ...MERCHANT,
        secret: SECRET,
        backendPassword: PASSWORD,
        baseUrl: 'http://127.0.0.1:9/seamless',
      }).backend.generateOrderNumber(),
    );
    await provoke('INVALID_INPUT', () =>
      createQentaClient({
        ...MERCHANT,
        secret: SECRET,
        backendPassword: PASSWORD,
        timeoutMs: 'x' as never,
      }),
    );
    await provoke('LIMIT_EXCEEDED', () =>
      client.payment.start({
        language: 'en',
        paymentType: 'CCARD',
        amount: '1',
        currency: 'EUR',
        orderDescription: 'x',
        successUrl: 'https://a.example/',
        cancelUrl: 'https://a.example/',
        failureUrl: 'https://a.example/',
        serviceUrl: 'https://a.example/',
        confirmUrl: 'https://a.example/',
        consumerIpAddress: '127.0.0.1',
        consumerUserAgent: 'ua',
        customParameters: Object.fromEntries(
          Array.from({ length: 12001 }, (_, i) => [`p${i}`, SECRET]),
        ),
      }),
    );
    const signed = signTestConfirmation(
      {
        paymentState: 'SUCCESS',
        orderNumber: '1',
        amount: '1',
        currency: 'EUR',
        paymentType: 'CCARD',
      },
      { secret: SECRET },
    );
    await provoke('FINGERPRINT_MISMATCH', () =>
      verifyConfirmation(signed.replace('amount=1', 'amount=2'), { secret: SECRET }),
    );
    await provoke('FINGERPRINT_MISSING', () =>
      verifyConfirmation(signed.replace('responseFingerprint=', 'x='), { secret: SECRET }),
    );
    await provoke('FINGERPRINT_ORDER_INCOMPLETE', () =>
      verifyConfirmation(signed.replace('%2Csecret', ''), { secret: SECRET }),
    );
    await provoke('INVALID_CONFIRMATION', () =>
      verifyConfirmation(`${signed}&responseFingerprint=${SECRET}`, { secret: SECRET }),
    );
    await provoke('FINGERPRINT_ORDER_INVALID', () =>
      verifyConfirmation(signed.replace('%2Csecret', `%2Csecret%2Csecret`), { secret: SECRET }),
    );
    const recut = signTestConfirmation(
      {
        paymentState: 'SUCCESS',
        orderNumber: `1${SECRET}`,
        amount: '1',
        currency: 'EUR',
        paymentType: 'CCARD',
      },
      { secret: SECRET },
    );
    await provoke('INVALID_FIELD_FORMAT', () => verifyConfirmation(recut, { secret: SECRET }));
    assert.deepEqual([...seen].sort(), [...QENTA_ERROR_CODES].sort());
    assert.ok(scanned.count >= QENTA_ERROR_CODES.length);
  });

  it('logs nothing, even when the shop callback fails', async () => {
    const handler = createConfirmHandler({
      secret: SECRET,
      onConfirmation: () => {
        throw new Error('store failed');
      },
    });
    const body = signTestConfirmation(
      {
        paymentState: 'SUCCESS',
        orderNumber: '1',
        amount: '1',
        currency: 'EUR',
        paymentType: 'CCARD',
      },
      { secret: SECRET },
    );
    const response = await handler(
      new Request('http://shop.example/confirm', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }),
    );
    assert.match(await response.text(), /NOK/);
    assert.deepEqual(logged, []);
  });
});
