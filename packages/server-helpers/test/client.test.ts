import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createQentaClient, DEFAULT_BASE_URL } from '../src/index.ts';
import { captureError, MERCHANT, PASSWORD, SECRET } from './support/errors.ts';
import { type Answer, type FakeGateway, startGateway } from './support/gateway.ts';

const STORAGE_ID = '10763469b2b8049f6619c914e57faa19';

describe('client transport over HTTP', () => {
  let gateway: FakeGateway;
  let reply: Answer;
  before(async () => {
    gateway = await startGateway(() => reply);
  });
  after(() => gateway.close());
  const client = (extra: Record<string, unknown> = {}) =>
    createQentaClient({
      ...MERCHANT,
      secret: SECRET,
      backendPassword: PASSWORD,
      baseUrl: gateway.baseUrl,
      ...extra,
    });

  it('gives up after timeoutMs with TIMEOUT', async () => {
    reply = { body: 'status=0&orderNumber=1', delayMs: 2000 };
    const started = Date.now();
    const error = await captureError(
      () => client({ timeoutMs: 150 }).backend.generateOrderNumber(),
      'TIMEOUT',
    );
    assert.ok(Date.now() - started < 1500);
    assert.match(error.message, /150 ms/);
  });

  it('reports a refused connection as NETWORK_ERROR, after the read-only retries', async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const error = await captureError(
      () =>
        createQentaClient({
          ...MERCHANT,
          secret: SECRET,
          baseUrl: 'http://127.0.0.1:9/seamless',
          fetch: counting,
          retries: 2,
        }).dataStorage.read({ storageId: STORAGE_ID }),
      'NETWORK_ERROR',
    );
    assert.equal(calls, 3);
    assert.ok(error.cause instanceof Error);
  });

  for (const status of [500, 502, 503, 403]) {
    it(`turns HTTP ${status} into HTTP_ERROR with httpStatus`, async () => {
      reply = { status, body: 'oops', contentType: 'text/plain' };
      const error = await captureError(() => client().backend.generateOrderNumber(), 'HTTP_ERROR');
      assert.equal(error.httpStatus, status);
    });
  }

  it('does not follow a redirect: 302 is HTTP_ERROR', async () => {
    reply = { status: 302, body: '' };
    await captureError(() => client().backend.generateOrderNumber(), 'HTTP_ERROR');
  });

  for (const [title, body, contentType] of [
    ['an HTML page', '<html><body>Maintenance</body></html>', 'text/html'],
    ['JSON', '{"status":0}', 'application/json'],
    ['an empty body', '', 'text/plain'],
    ['plain text', 'Service unavailable', 'text/plain'],
  ] as const) {
    it(`rejects ${title} as INVALID_RESPONSE`, async () => {
      reply = { body, contentType };
      await captureError(() => client().backend.generateOrderNumber(), 'INVALID_RESPONSE');
    });
  }

  it('sends the configured User-Agent and joins a base URL with a trailing slash', async () => {
    reply = { body: 'status=0&orderNumber=1' };
    await client({
      userAgent: 'my-shop/2.0',
      baseUrl: `${gateway.baseUrl}/`,
    }).backend.generateOrderNumber();
    const request = gateway.requests.at(-1);
    assert.equal(request?.headers['user-agent'], 'my-shop/2.0');
    assert.equal(request?.path, '/seamless/backend/generateOrderNumber');
  });

  it('defaults to the QENTA base URL', async () => {
    let url = '';
    const capture: typeof fetch = async (input) => {
      url = String(input);
      return new Response('status=0&orderNumber=1');
    };
    await createQentaClient({
      ...MERCHANT,
      secret: SECRET,
      backendPassword: PASSWORD,
      fetch: capture,
    }).backend.generateOrderNumber();
    assert.equal(DEFAULT_BASE_URL, 'https://api.qenta.com/seamless');
    assert.equal(url, 'https://api.qenta.com/seamless/backend/generateOrderNumber');
  });

  it('accepts an unset shopId from the environment and signs it as empty', async () => {
    reply = { body: 'status=0&orderNumber=1' };
    await createQentaClient({
      customerId: 'D200001',
      shopId: undefined,
      secret: SECRET,
      backendPassword: PASSWORD,
      baseUrl: gateway.baseUrl,
    }).backend.generateOrderNumber();
    assert.equal(gateway.requests.at(-1)?.fields.shopId, undefined);
  });

  for (const [title, options, path] of [
    ['a 6-character customerId', { customerId: 'D20000' }, 'customerId'],
    ['a shopId longer than 16', { shopId: 'a'.repeat(17) }, 'shopId'],
    ['an empty secret', { secret: '' }, 'secret'],
    ['a non-http base URL', { baseUrl: 'ftp://gw.example/' }, 'baseUrl'],
    ['an unknown algorithm', { algorithm: 'md5' }, 'algorithm'],
    ['a negative timeout', { timeoutMs: -1 }, 'timeoutMs'],
  ] as const) {
    it(`refuses a client with ${title}`, async () => {
      const error = await captureError(
        () => createQentaClient({ ...MERCHANT, secret: SECRET, ...options } as never),
        'INVALID_INPUT',
      );
      assert.deepEqual(
        error.issues.map((issue) => issue.path),
        [path],
      );
    });
  }

  it('keeps the secret out of errors even when the secret is the offending value', async () => {
    const longSecret = `${SECRET}-and-more`;
    await captureError(
      () => createQentaClient({ ...MERCHANT, secret: longSecret, baseUrl: 'not a url' }),
      'INVALID_INPUT',
      [longSecret],
    );
    await captureError(
      () => createQentaClient({ ...MERCHANT, secret: 42 as unknown as string }),
      'INVALID_INPUT',
    );
  });
});
