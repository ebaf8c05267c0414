/**
 * Issue 10 item 6: a shop URL that `URL.canParse` forgives (CR/LF, tab, space, raw non-ASCII)
 * is refused at init with the parameter's 18xxx error, and a redirect only ever carries the
 * normalised `href` (a raw string in `Location` made the page answer 500).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { encodeForm } from '@qenta-seamless/server-helpers/protocol';
import { createEmulator, type Emulator } from '../src/index.ts';
import { DEMO_MERCHANT } from '../src/merchants.ts';
import { dsInitFields, errorCodes, post, postForm } from './support/api.ts';
import { paymentRequest, signPayment } from './support/frontend.ts';

const BAD_URLS: [string, string][] = [
  ['CR/LF', 'http://127.0.0.1:9/ok\r\nSet-Cookie: a=b'],
  ['tab', 'http://127.0.0.1:9/o\tk'],
  ['space', 'http://127.0.0.1:9/o k'],
  ['raw non-ASCII', 'http://127.0.0.1:9/r\u00fcck\u20ac'],
];

describe('shop URLs', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await createEmulator();
  });
  after(() => emulator.close());

  const init = (overrides: Record<string, string>) =>
    post(`${emulator.baseUrl}/frontend/init`, encodeForm(signPayment(paymentRequest(overrides))));

  for (const [kind, url] of BAD_URLS) {
    it(`refuses a frontend-init URL with ${kind} with the parameter's 18xxx error`, async () => {
      const cases: [string, string][] = [
        ['successUrl', '18606'],
        ['cancelUrl', '18607'],
        ['failureUrl', '18608'],
        ['serviceUrl', '18609'],
        ['confirmUrl', '18610'],
        ['pendingUrl', '18611'],
      ];
      for (const [name, code] of cases) {
        const answer = await init({ [name]: url });
        assert.deepEqual(errorCodes(answer.fields), [code], name);
      }
    });
  }

  it('refuses with 18604 / 18631 a data-storage returnUrl or iframeCssUrl with CR/LF or raw non-ASCII', async () => {
    const url = `${emulator.baseUrl}/dataStorage/init`;
    const returnUrl = await postForm(url, dsInitFields({ returnUrl: 'http://127.0.0.1:9/a\nb' }));
    assert.deepEqual(errorCodes(returnUrl.fields), ['18604']);
    const css = await postForm(
      url,
      dsInitFields({
        javascriptScriptVersion: 'pci3',
        iframeCssUrl: 'http://127.0.0.1:9/\u00e4.css',
      }),
    );
    assert.deepEqual(errorCodes(css.fields), ['18631']);
  });

  it('refuses with 15606 a URL longer than 2048 characters', async () => {
    const answer = await init({ successUrl: `http://127.0.0.1:9/${'a'.repeat(2048)}` });
    assert.deepEqual(errorCodes(answer.fields), ['15606']);
  });

  it('accepts the same URLs percent-encoded', async () => {
    const answer = await init({ successUrl: 'http://127.0.0.1:9/r%C3%BCck?a=%20b' });
    assert.deepEqual(errorCodes(answer.fields), []);
    assert.ok(answer.fields.redirectUrl);
  });

  it('redirects to the normalised href even when a raw URL reached a session', async () => {
    const { redirectUrl } = emulator.payments.start({
      merchant: { ...DEMO_MERCHANT, shopIds: ['qmore'] },
      shopId: 'qmore',
      orderNumber: '4242',
      request: {
        paymentType: 'PAYPAL',
        amount: '1.00',
        currency: 'EUR',
        language: 'en',
        successUrl: 'http://127.0.0.1:9/o\r\nk page',
      },
      customParameters: {},
    });
    const sid = new URL(redirectUrl).searchParams.get('SID') ?? '';
    const response = await fetch(redirectUrl, {
      method: 'POST',
      body: new URLSearchParams({ SID: sid, step: 'outcome', outcome: 'SUCCESS' }),
      redirect: 'manual',
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), 'http://127.0.0.1:9/ok%20page');
  });
});
