import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  type Confirmation,
  type ConfirmationRejection,
  createConfirmHandler,
  toNodeListener,
} from '../src/index.ts';
import { signTestConfirmation } from '../src/testing.ts';
import { assertNothingLeaks, SECRET } from './support/errors.ts';

const OK = '<QPAY-CONFIRMATION-RESPONSE result="OK" />';
const FORM = 'application/x-www-form-urlencoded';
const SUCCESS = signTestConfirmation(
  {
    amount: '12.50',
    currency: 'EUR',
    paymentType: 'CCARD',
    orderNumber: '5472113',
    paymentState: 'SUCCESS',
  },
  { secret: SECRET },
);
const FINGERPRINT = new URLSearchParams(SUCCESS).get('responseFingerprint') ?? '';

interface RawResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A POST with full control over headers and chunking; tolerates the server closing early. */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; chunks?: (string | Buffer)[] },
): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'POST', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', (error) => {
      if (!req.writableEnded) reject(error);
    });
    const write = async () => {
      for (const chunk of options.chunks ?? []) {
        if (req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    };
    void write().catch(() => undefined);
  });
}

describe('createConfirmHandler over HTTP (toNodeListener)', () => {
  let server: Server;
  let url: string;
  let confirmations: Confirmation[];
  let rejections: ConfirmationRejection[];
  let reported: unknown[];
  let failNext: boolean;
  let resolvedAt: number;

  before(async () => {
    const handler = createConfirmHandler({
      secret: SECRET,
      onConfirmation: async (confirmation) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (failNext) {
          failNext = false;
          throw new Error('database down');
        }
        confirmations.push(confirmation);
        resolvedAt = Date.now();
      },
      onRejected: (rejection) => {
        rejections.push(rejection);
      },
      onError: (error) => reported.push(error),
    });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/qenta/confirm`;
  });
  after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  beforeEach(() => {
    confirmations = [];
    rejections = [];
    reported = [];
    failNext = false;
    resolvedAt = 0;
  });

  const post = (body: string, contentType = FORM) =>
    fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers OK only after onConfirmation resolved', async () => {
    const response = await post(SUCCESS);
    const receivedAt = Date.now();
    assert.equal(response.status, 200);
    assert.equal(await response.text(), OK);
    assert.equal(confirmations.length, 1);
    assert.ok(resolvedAt > 0 && resolvedAt <= receivedAt);
    const [confirmation] = confirmations;
    assert.ok(confirmation?.verified);
    assert.equal(confirmation.orderNumber, '5472113');
  });

  it('accepts a content type with a charset parameter', async () => {
    const response = await post(SUCCESS, 'application/x-www-form-urlencoded; charset=UTF-8');
    assert.equal(await response.text(), OK);
  });

  it('answers NOK when onConfirmation throws, so the gateway retries', async () => {
    failNext = true;
    const response = await post(SUCCESS);
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.match(text, /^<QPAY-CONFIRMATION-RESPONSE result="NOK" message="[^"]+" \/>$/);
    assert.ok(!text.includes('database down'));
    assert.equal(reported.length, 1);
  });

  it('answers NOK with a generic message and reports a forged confirmation to onRejected', async () => {
    const forged = SUCCESS.replace('amount=12.50', 'amount=0.01');
    const response = await post(forged);
    const text = await response.text();
    assert.equal(
      text,
      '<QPAY-CONFIRMATION-RESPONSE result="NOK" message="confirmation rejected" />',
    );
    assert.equal(confirmations.length, 0);
    assert.deepEqual(rejections, [
      {
        code: 'FINGERPRINT_MISMATCH',
        message: 'The confirmation fingerprint does not match',
        paymentState: 'SUCCESS',
        orderNumber: '5472113',
      },
    ]);
    const passedOn = JSON.stringify(rejections);
    assert.ok(!passedOn.includes(FINGERPRINT) && !passedOn.includes(SECRET));
    assert.ok(!passedOn.includes('amount=0.01'));
  });

  it('reports a SUCCESS without fingerprint as FINGERPRINT_MISSING', async () => {
    await post('paymentState=SUCCESS&orderNumber=1&amount=1&currency=EUR&paymentType=CCARD');
    assert.equal(rejections[0]?.code, 'FINGERPRINT_MISSING');
  });

  it('passes CANCEL on unverified and answers OK', async () => {
    const response = await post('paymentState=CANCEL&shopCartId=c-1');
    assert.equal(await response.text(), OK);
    assert.equal(confirmations[0]?.paymentState, 'CANCEL');
    assert.equal(confirmations[0]?.verified, false);
  });

  for (const method of ['GET', 'PUT', 'DELETE']) {
    it(`answers ${method} with 405 and Allow: POST`, async () => {
      const response = await rawRequest(url, { method });
      assert.equal(response.status, 405);
      assert.equal(response.headers.allow, 'POST');
      assert.equal(confirmations.length + rejections.length, 0);
    });
  }

  for (const contentType of ['application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
    it(`answers ${contentType} with 415`, async () => {
      const response = await post(SUCCESS, contentType);
      assert.equal(response.status, 415);
      assert.equal(confirmations.length, 0);
    });
  }

  it('answers 415 when the content type is missing', async () => {
    const response = await rawRequest(url, { chunks: [SUCCESS] });
    assert.equal(response.status, 415);
  });

  it('answers 413 to a declared length over 1 MiB without reading it', async () => {
    const response = await rawRequest(url, {
      headers: { 'content-type': FORM, 'content-length': String(2 * 1024 * 1024) },
      chunks: ['paymentState=SUCCESS'],
    });
    assert.equal(response.status, 413);
  });

  it('answers 413 to a chunked body that grows past 1 MiB', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const response = await rawRequest(url, {
      headers: { 'content-type': FORM, 'transfer-encoding': 'chunked' },
      chunks: ['x=', ...Array.from({ length: 20 }, () => chunk)],
    });
    assert.equal(response.status, 413);
    assert.equal(confirmations.length + rejections.length, 0);
  });

  it('refuses an order that repeats a field before building anything: NOK and onRejected', async () => {
    const params = new URLSearchParams(SUCCESS);
    params.set('pad', 'p'.repeat(5000));
    const order = `${params.get('responseFingerprintOrder')}${',pad'.repeat(2000)}`;
    params.set('responseFingerprintOrder', order);
    const response = await post(params.toString());
    assert.equal(response.status, 200);
    assert.match(await response.text(), /result="NOK"/);
    assert.equal(confirmations.length, 0);
    assert.deepEqual(
      rejections.map((r) => [r.code, r.orderNumber]),
      [['FINGERPRINT_ORDER_INVALID', '5472113']],
    );
  });

  it('refuses an order with more names than the body has fields', async () => {
    const params = new URLSearchParams(SUCCESS);
    const names = Array.from({ length: 50 }, (_, i) => `absent${i}`).join(',');
    params.set('responseFingerprintOrder', `${params.get('responseFingerprintOrder')},${names}`);
    await post(params.toString());
    assert.deepEqual(
      rejections.map((r) => r.code),
      ['FINGERPRINT_ORDER_INVALID'],
    );
  });

  it('accepts a body just under the cap', async () => {
    const padding = 'a'.repeat(1024 * 1024 - SUCCESS.length - 10);
    const response = await post(`${SUCCESS}&pad=${padding}`);
    assert.equal(await response.text(), OK);
    assert.equal(
      confirmations[0]?.verified && confirmations[0].untrusted.pad?.length,
      padding.length,
    );
  });
});

describe('createConfirmHandler as a web-standard handler', () => {
  it('answers a Request with a Response, the same way', async () => {
    const seen: Confirmation[] = [];
    const handler = createConfirmHandler({
      secret: SECRET,
      onConfirmation: (confirmation) => {
        seen.push(confirmation);
      },
    });
    const ok = await handler(
      new Request('http://shop.example/confirm', {
        method: 'POST',
        headers: { 'content-type': FORM },
        body: SUCCESS,
      }),
    );
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), OK);
    assert.equal(seen.length, 1);
    const rejected = await handler(
      new Request('http://shop.example/confirm', {
        method: 'POST',
        headers: { 'content-type': FORM },
        body: SUCCESS.replace('orderNumber=5472113', 'orderNumber=1'),
      }),
    );
    assert.match(await rejected.text(), /result="NOK"/);
    const big = await handler(
      new Request('http://shop.example/confirm', {
        method: 'POST',
        headers: { 'content-type': FORM },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(64 * 1024));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit),
    );
    assert.equal(big.status, 413);
    const get = await handler(new Request('http://shop.example/confirm'));
    assert.equal(get.status, 405);
    assert.equal(seen.length, 1);
  });

  it('uses a body an Express-style parser already consumed (record or string)', async () => {
    const seen: Confirmation[] = [];
    const listener = toNodeListener(
      createConfirmHandler({
        secret: SECRET,
        onConfirmation: (confirmation) => {
          seen.push(confirmation);
        },
      }),
    );
    let asRecord = true;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        Object.assign(req, {
          body: asRecord ? Object.fromEntries(new URLSearchParams(text)) : text,
        });
        listener(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const send = (body: string) =>
      fetch(target, { method: 'POST', headers: { 'content-type': FORM }, body }).then((r) =>
        r.text(),
      );
    try {
      assert.equal(await send(SUCCESS), OK);
      asRecord = false;
      assert.equal(await send(SUCCESS), OK);
      assert.match(await send(SUCCESS.replace('amount=12.50', 'amount=1')), /NOK/);
      assert.equal(seen.length, 2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('turns any failure while reading a pre-parsed body into NOK and onRejected, never a 500', async () => {
    const rejections: ConfirmationRejection[] = [];
    const listener = toNodeListener(
      createConfirmHandler({
        secret: SECRET,
        onConfirmation: () => undefined,
        onRejected: (rejection) => {
          rejections.push(rejection);
        },
      }),
    );
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        // A framework's parsed body whose getter throws, as a hostile value can make it.
        const body = {
          get paymentState(): string {
            throw new RangeError('Invalid string length');
          },
        };
        Object.assign(req, { body });
        listener(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
        method: 'POST',
        headers: { 'content-type': FORM },
        body: 'paymentState=SUCCESS',
      });
      assert.equal(response.status, 200);
      assert.match(await response.text(), /result="NOK"/);
      assert.deepEqual(
        rejections.map((r) => r.code),
        ['INVALID_CONFIRMATION'],
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('adapts any web handler to node:http through toNodeListener', async () => {
    const echo = async (request: Request) =>
      new Response(`${request.method} ${await request.text()}`, {
        status: 201,
        headers: { 'x-test': 'yes' },
      });
    const server = createServer(toNodeListener(echo));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
        method: 'POST',
        body: 'hello',
      });
      assert.equal(response.status, 201);
      assert.equal(response.headers.get('x-test'), 'yes');
      assert.equal(await response.text(), 'POST hello');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('never hands the fingerprint or secret to onRejected for any rejection code', async () => {
    const rejections: ConfirmationRejection[] = [];
    const handler = createConfirmHandler({
      secret: SECRET,
      onConfirmation: () => undefined,
      onRejected: (rejection) => {
        rejections.push(rejection);
      },
    });
    const bodies = [
      SUCCESS.replace('amount=12.50', 'amount=1'),
      SUCCESS.replace('responseFingerprintOrder=', 'x='),
      `${SUCCESS}&amount=1`,
      'paymentState=SUCCESS',
      'paymentState=WHATEVER',
    ];
    for (const body of bodies) {
      await handler(
        new Request('http://shop.example/confirm', {
          method: 'POST',
          headers: { 'content-type': FORM },
          body,
        }),
      );
    }
    assert.deepEqual(
      rejections.map((r) => r.code),
      [
        'FINGERPRINT_MISMATCH',
        'FINGERPRINT_ORDER_INCOMPLETE',
        'INVALID_CONFIRMATION',
        'FINGERPRINT_MISSING',
        'INVALID_CONFIRMATION',
      ],
    );
    for (const rejection of rejections) assertNothingLeaks(rejection, [FINGERPRINT]);
  });
});

describe('createConfirmHandler with synchronous callbacks (toNodeListener)', () => {
  let server: Server;
  let url: string;
  let stored: Confirmation[];
  let reported: unknown[];
  let throwNext: boolean;

  before(async () => {
    const handler = createConfirmHandler({
      secret: SECRET,
      onConfirmation: (confirmation) => {
        if (throwNext) {
          throwNext = false;
          throw new Error('disk full');
        }
        stored.push(confirmation);
      },
      onError: (error) => reported.push(error),
    });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/qenta/confirm`;
  });
  after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  beforeEach(() => {
    stored = [];
    reported = [];
    throwNext = false;
  });

  it('answers OK once a synchronous onConfirmation returned', async () => {
    const result = await rawRequest(url, { headers: { 'content-type': FORM }, chunks: [SUCCESS] });
    assert.equal(result.status, 200);
    assert.equal(result.body, OK);
    assert.equal(result.headers['content-length'], String(Buffer.byteLength(OK)));
    assert.equal(stored.length, 1);
  });

  it('answers NOK when a synchronous onConfirmation throws, and reports the error', async () => {
    throwNext = true;
    const result = await rawRequest(url, { headers: { 'content-type': FORM }, chunks: [SUCCESS] });
    assert.match(result.body, /^<QPAY-CONFIRMATION-RESPONSE result="NOK" message="[^"]+" \/>$/);
    assert.equal(stored.length, 0);
    assert.equal(reported.length, 1);
  });

  it('reads the content type and length whatever the case of the header names', async () => {
    const result = await rawRequest(url, {
      headers: { 'CONTENT-TYPE': FORM, 'Content-Length': String(Buffer.byteLength(SUCCESS)) },
      chunks: [SUCCESS],
    });
    assert.equal(result.body, OK);
    const tooLarge = await rawRequest(url, {
      headers: { 'Content-Type': FORM, 'CONTENT-LENGTH': String(2 * 1024 * 1024) },
      chunks: [],
    });
    assert.equal(tooLarge.status, 413);
  });
});
