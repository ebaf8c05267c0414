import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createQentaClient } from '../src/index.ts';
import { createMasker, MASK, sanitizeCause } from '../src/masking.ts';
import { captureError, MERCHANT } from './support/errors.ts';
import { type FakeGateway, startGateway } from './support/gateway.ts';

// Values with characters every encoding writes differently: space, +, &, =, %, /, @, ü, *.
const PASSWORD = 'p@ss w&rd=+%/ü*';
const SECRET = 'S3cr3t (x)+/=ü~!';

/** Every rendering a gateway, proxy or fetch might quote a value in. */
function renderings(value: string): string[] {
  const uri = encodeURIComponent(value);
  const form = new URLSearchParams({ v: value }).toString().slice(2);
  const lower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
  return [value, uri, form, uri.replaceAll('%20', '+'), lower(uri), lower(form)];
}
const LEAKS = [...renderings(PASSWORD), ...renderings(SECRET)];

describe('createMasker', () => {
  it('masks a value raw, URL-encoded, form-encoded and with lower-case escapes', () => {
    const mask = createMasker([PASSWORD]);
    for (const rendering of renderings(PASSWORD)) {
      assert.equal(mask(`before ${rendering} after`), `before ${MASK} after`, rendering);
    }
  });

  it('masks fingerprint-like hex runs but keeps a 32-character storageId', () => {
    const mask = createMasker([]);
    assert.equal(mask(`fp=${'a1'.repeat(64)}`), `fp=${MASK}`);
    assert.equal(mask(`id=${'ab'.repeat(16)}`), `id=${'ab'.repeat(16)}`);
  });

  it('rebuilds a cause chain with every message masked and a string code kept', () => {
    const inner = Object.assign(
      new Error(`connect failed, body password=${encodeURIComponent(PASSWORD)}`),
      {
        code: 'ECONNRESET',
        request: { body: PASSWORD },
      },
    );
    const outer = new TypeError(`fetch failed: ${PASSWORD}`, { cause: inner });
    const copy = sanitizeCause(outer, createMasker([PASSWORD]));
    assert.ok(copy instanceof Error);
    assert.equal(copy.name, 'TypeError');
    assert.equal(copy.message, `fetch failed: ${MASK}`);
    const copiedInner = copy.cause as Error & { code?: string; request?: unknown };
    assert.equal(copiedInner.message, `connect failed, body password=${MASK}`);
    assert.equal(copiedInner.code, 'ECONNRESET');
    assert.equal(copiedInner.request, undefined);
  });
});

describe('client errors mask the password, secret and fingerprint in every rendering', () => {
  let gateway: FakeGateway;
  before(async () => {
    // A hostile or buggy gateway that quotes the raw request body (URL-encoded) and its decoded
    // form in every error text.
    gateway = await startGateway((request) =>
      new URLSearchParams({
        errors: '2',
        'error.1.errorCode': '18506',
        'error.1.message': `REQUESTFINGERPRINT is invalid. Request was: ${request.body}`,
        'error.1.consumerMessage': `Request: ${request.body.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}`,
        'error.2.errorCode': '18506',
        'error.2.message': `Decoded: ${decodeURIComponent(request.body.replaceAll('+', ' '))}`,
        'error.2.consumerMessage': `Fields: ${JSON.stringify(request.fields)}`,
        status: '1',
      }).toString(),
    );
  });
  after(() => gateway.close());

  const client = (fetchImpl?: typeof fetch) =>
    createQentaClient({
      ...MERCHANT,
      secret: SECRET,
      backendPassword: PASSWORD,
      baseUrl: gateway.baseUrl,
      ...(fetchImpl && { fetch: fetchImpl }),
    });

  it('in a gateway error that quotes the encoded request (message, details, toJSON)', async () => {
    const error = await captureError(
      () => client().backend.refund({ orderNumber: '1', amount: '1', currency: 'EUR' }),
      'GATEWAY_ERROR',
      LEAKS,
    );
    assert.equal(error.gatewayErrors.length, 2);
    assert.match(error.gatewayErrors[0]?.message ?? '', /password=\[redacted\]/);
    const json = JSON.stringify(error.toJSON());
    for (const leak of LEAKS) assert.ok(!json.includes(leak), leak);
  });

  it("in a fetch error's message and cause chain that quote the request body", async () => {
    const quoting: typeof fetch = async (_input, init) => {
      const body = String(init?.body);
      throw new TypeError(`fetch failed for ${body}`, {
        cause: Object.assign(new Error(`socket hang up; sent ${decodeURIComponent(body)}`), {
          code: 'ECONNRESET',
          body,
        }),
      });
    };
    const error = await captureError(
      () => client(quoting).backend.generateOrderNumber(),
      'NETWORK_ERROR',
      LEAKS,
    );
    const cause = error.cause as Error;
    assert.match(cause.message, /^fetch failed for /);
    assert.equal((cause.cause as { code?: string }).code, 'ECONNRESET');
  });
});
