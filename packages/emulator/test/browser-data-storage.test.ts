import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  computeFingerprint,
  DATA_STORAGE_READ_ORDER,
  decodeForm,
  encodeForm,
} from '@qenta-seamless/server-helpers/protocol';
import type { Browser, Page } from 'playwright-core';
import { createEmulator } from '../src/index.ts';
import { DEMO, initDataStorage, launchChromium, startShop } from './browser-support.ts';

type Emulator = Awaited<ReturnType<typeof createEmulator>>;
type Shop = Awaited<ReturnType<typeof startShop>>;

interface StoreResult {
  status: number;
  errors: { errorCode: string; consumerMessage: string }[] | null;
  info: Record<string, string>;
}

const PAN = '9500000000000001';

describe('data-storage script in Chromium', { timeout: 60_000 }, () => {
  let emulator: Emulator;
  let browser: Browser;
  let shop: Shop;

  before(async () => {
    emulator = await createEmulator({ host: '127.0.0.1', port: 0 });
    shop = await startShop(new URL(emulator.baseUrl).origin);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await shop?.close();
    await emulator?.close();
  });

  async function openCheckout(options: { pci3?: boolean; language?: string; css?: boolean } = {}) {
    const storage = await initDataStorage(emulator.baseUrl, {
      returnUrl: `${shop.origin}/return`,
      ...(options.pci3 ? { pci3: true } : {}),
      ...(options.language ? { language: options.language } : {}),
      ...(options.css ? { extra: { iframeCssUrl: `${shop.origin}/pci3.css` } } : {}),
    });
    shop.setScript(storage.javascriptUrl);
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${shop.origin}/checkout`);
    await page.waitForFunction(() => 'QentaCEE_DataStorage' in window);
    return { page, storage, violations, close: () => context.close() };
  }

  function storeCard(page: Page, card: Record<string, string> | null): Promise<StoreResult> {
    return page.evaluate(
      (data) =>
        new Promise<StoreResult>((resolve) => {
          const w = window as unknown as Record<string, new () => Record<string, CallableFunction>>;
          const storage = new w.QentaCEE_DataStorage!();
          storage.storeCreditCardInformation!(data, (response: Record<string, () => unknown>) => {
            resolve({
              status: response.getStatus!() as number,
              errors: (response.getErrors!() ?? null) as StoreResult['errors'],
              info: response.getAnonymizedPaymentInformation!() as Record<string, string>,
            });
          });
        }),
      card,
    );
  }

  it('defines both globals, the fallback object and every method of §6.2', async () => {
    const { page, close, violations } = await openCheckout();
    const shape = await page.evaluate(() => {
      const w = window as unknown as Record<string, { prototype: object } | undefined>;
      const proto = w.QentaCEE_DataStorage?.prototype as Record<string, unknown>;
      return {
        same: w.QentaCEE_DataStorage === w.WirecardCEE_DataStorage,
        fallback:
          typeof (w.QentaCEE_Fallback_Request_Object as unknown as Record<string, unknown>)
            ?.setResponseText === 'function' &&
          w.QentaCEE_Fallback_Request_Object === w.WirecardCEE_Fallback_Request_Object,
        methods: Object.keys(proto).filter((name) => typeof proto[name] === 'function'),
      };
    });
    assert.equal(shape.same, true);
    assert.equal(shape.fallback, true);
    for (const method of [
      'storeCreditCardInformation',
      'storeCreditCardMotoInformation',
      'storeMaestroInformation',
      'storeSepaDdInformation',
      'storePayboxInformation',
      'storeGiropayInformation',
      'storeVoucherInformation',
      'storePaymentInformation',
      'buildIframeCreditCard',
      'buildIframeCreditCardMoto',
      'buildIframeMaestro',
      'buildIframeGooglePay',
      'onIframeClick',
    ]) {
      assert.ok(shape.methods.includes(method), method);
    }
    assert.deepEqual(violations, []);
    await close();
  });

  it('stores a demo card cross-origin and answers only anonymised data; read returns it', async () => {
    const { page, storage, close, violations } = await openCheckout();
    const result = await storeCard(page, {
      pan: PAN,
      expirationMonth: '12',
      expirationYear: '2031',
      cardverifycode: '123',
      cardholdername: 'Jane Doe',
    });
    assert.equal(result.status, 0);
    assert.equal(result.errors, null);
    assert.equal(result.info.maskedPan, '950000******0001');
    assert.equal(result.info.anonymousPan, '0001');
    assert.equal(result.info.financialInstitution, 'MC');
    assert.equal(result.info.expiry, '12/2031');
    assert.ok(!JSON.stringify(result).includes(PAN));
    assert.deepEqual(violations, []);

    const read: Record<string, string> = {
      customerId: DEMO.customerId,
      shopId: DEMO.shopId,
      storageId: storage.storageId,
    };
    read.requestFingerprint = computeFingerprint(read, DATA_STORAGE_READ_ORDER, DEMO.secret);
    const answer = await fetch(`${emulator.baseUrl}/dataStorage/read`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: encodeForm(read),
    });
    const body = await answer.text();
    const fields = decodeForm(body).fields;
    assert.equal(fields.paymentInformations, '1');
    assert.equal(fields['paymentInformation.1.maskedPan'], '950000******0001');
    assert.ok(!body.includes(PAN));
    assert.ok(!JSON.stringify(emulator.journal.entries()).includes(PAN));
    await close();
  });

  it('rejects an expired card (20004, German message) and a PAN failing Luhn (18521)', async () => {
    const { page, close } = await openCheckout({ language: 'de' });
    const expired = await storeCard(page, {
      pan: PAN,
      expirationMonth: '01',
      expirationYear: '2000',
      cardverifycode: '123',
    });
    assert.equal(expired.status, 1);
    assert.equal(expired.errors?.[0]?.errorCode, '20004');
    assert.equal(expired.errors?.[0]?.consumerMessage, 'Ihre Kreditkarte ist abgelaufen.');
    const badPan = await storeCard(page, {
      pan: '4111111111111112',
      expirationMonth: '12',
      expirationYear: '2031',
    });
    assert.equal(badPan.status, 1);
    assert.deepEqual(
      badPan.errors?.map((error) => error.errorCode),
      ['18521'],
    );
    await close();
  });

  it('SAQ-A: the iframe posts the card; the parent page never sees the PAN', async () => {
    const { page, close, violations } = await openCheckout({ pci3: true, css: true });
    const parentRequests: string[] = [];
    page.on('request', (request) => {
      if (request.frame() === page.mainFrame()) {
        parentRequests.push(`${request.url()} ${request.postData() ?? ''}`);
      }
    });
    await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const seen: string[] = [];
      w.seenMessages = seen;
      window.addEventListener('message', (event) => seen.push(JSON.stringify(event.data)));
      const Storage = w.QentaCEE_DataStorage as new () => Record<string, CallableFunction>;
      const storage = new Storage();
      w.storage = storage;
      storage.buildIframeCreditCard!('creditcardDataIframe', '100%', '250px');
      const clicks: string[] = [];
      w.iframeClicks = clicks;
      storage.onIframeClick!((event: { data: { parentId: string } }) =>
        clicks.push(event.data.parentId),
      );
    });
    const frame = page.frameLocator('#creditcardDataIframe iframe');
    await frame.locator('#pan').fill(PAN);
    await frame.locator('#expiryMonth').selectOption('12');
    await frame.locator('#expiryYear').selectOption('2031');
    await frame.locator('#cvc').fill('123');
    await frame.locator('#cardholder').fill('Jane Doe');
    const cssHref = await frame.locator('link[rel=stylesheet]').last().getAttribute('href');
    assert.equal(cssHref, `${shop.origin}/pci3.css`);
    const result = await page.evaluate(
      () =>
        new Promise<StoreResult>((resolve) => {
          const w = window as unknown as Record<string, Record<string, CallableFunction>>;
          w.storage!.storeCreditCardInformation!(null, (response: Record<string, () => unknown>) =>
            resolve({
              status: response.getStatus!() as number,
              errors: (response.getErrors!() ?? null) as StoreResult['errors'],
              info: response.getAnonymizedPaymentInformation!() as Record<string, string>,
            }),
          );
          // A message from anything but the emulator's iframe must be ignored.
          window.postMessage(
            {
              type: 'qenta:stored',
              id: 'r1',
              response: { errors: 0, paymentInformation: { maskedPan: 'FORGED' } },
            },
            '*',
          );
        }),
    );
    const clicks = await page.evaluate(
      () => (window as unknown as { iframeClicks: string[] }).iframeClicks,
    );
    assert.ok(clicks.includes('creditcardDataIframe'), 'onIframeClick reports the container id');
    assert.equal(result.status, 0);
    assert.equal(result.info.maskedPan, '950000******0001');
    const seen = await page.evaluate(
      () => (window as unknown as { seenMessages: string[] }).seenMessages,
    );
    assert.ok(seen.length >= 2, 'ready and stored messages arrived');
    for (const message of [...seen, ...parentRequests]) assert.ok(!message.includes(PAN), message);
    assert.ok(!parentRequests.some((line) => line.includes('/dataStorage/store')));
    assert.deepEqual(violations, []);
    await close();
  });

  it("SAQ-A: iframes of three types on one page, each found by a new object that stores (QENTA's example)", async () => {
    const { page, close, violations } = await openCheckout({ pci3: true });
    // As qcs-example-php does: one object builds, a *new* object stores later (issue 11).
    await page.evaluate(() => {
      const w = window as unknown as Record<string, new () => Record<string, CallableFunction>>;
      const builder = new w.QentaCEE_DataStorage!();
      builder.buildIframeCreditCard!('creditcardDataIframe', '100%', '250px');
      new w.QentaCEE_DataStorage!().buildIframeCreditCardMoto!(
        'creditcardMotoDataIframe',
        '100%',
        '250px',
      );
      new w.QentaCEE_DataStorage!().buildIframeMaestro!('MaestroDataIframe', '100%', '250px');
    });
    const cards = [
      ['creditcardDataIframe', PAN],
      ['creditcardMotoDataIframe', '4111111111111111'],
      ['MaestroDataIframe', '9600000000000005'],
    ] as const;
    for (const [container, pan] of cards) {
      const frame = page.frameLocator(`#${container} iframe`);
      await frame.locator('#pan').fill(pan);
      await frame.locator('#expiryMonth').selectOption('12');
      await frame.locator('#expiryYear').selectOption('2031');
      await frame.locator('#cvc').fill('123');
    }
    const results = await page.evaluate(() => {
      const w = window as unknown as Record<string, new () => Record<string, CallableFunction>>;
      // Inline callbacks only: a named function here would need esbuild's __name helper.
      return Promise.all(
        [
          'storeCreditCardInformation',
          'storeCreditCardMotoInformation',
          'storeMaestroInformation',
        ].map(
          (method) =>
            new Promise<StoreResult>((resolve) => {
              new w.QentaCEE_DataStorage!()[method]!(
                null,
                (response: Record<string, () => unknown>) =>
                  resolve({
                    status: response.getStatus!() as number,
                    errors: (response.getErrors!() ?? null) as StoreResult['errors'],
                    info: response.getAnonymizedPaymentInformation!() as Record<string, string>,
                  }),
              );
            }),
        ),
      );
    });
    assert.deepEqual(
      results.map((result) => [result.status, result.info.maskedPan]),
      [
        [0, '950000******0001'],
        [0, '411111******1111'],
        [0, '960000******0005'],
      ],
    );
    assert.deepEqual(violations, []);
    await close();
  });

  it("stores a Visa with the example shop's issue defaults 01/2013/1234 (ignored for non-Maestro)", async () => {
    const { page, close } = await openCheckout();
    const result = await storeCard(page, {
      pan: '4111111111111111',
      expirationMonth: '12',
      expirationYear: '2031',
      cardverifycode: '123',
      cardholdername: 'Jane Doe',
      issueMonth: '01',
      issueYear: '2013',
      issueNumber: '1234',
    });
    assert.equal(result.errors, null);
    assert.equal(result.status, 0);
    assert.equal(result.info.maskedPan, '411111******1111');
    await close();
  });

  it('SAQ-A: the iframe refuses an origin that is not the shop', async () => {
    const storage = await initDataStorage(emulator.baseUrl, {
      returnUrl: `${shop.origin}/return`,
      pci3: true,
    });
    const iframe = `${emulator.baseUrl}/dataStorage/iframe/${storage.storageId}/CCARD`;
    const evil = await fetch(`${iframe}?origin=${encodeURIComponent('http://evil.example')}`);
    assert.equal(evil.status, 403);
    const good = await fetch(`${iframe}?origin=${encodeURIComponent(shop.origin)}`);
    assert.equal(good.status, 200);
    assert.match(
      good.headers.get('content-security-policy') ?? '',
      /frame-ancestors http:\/\/localhost:\d+/,
    );
  });

  it('answers CORS for the store endpoint with the requesting origin, POST only, no credentials', async () => {
    const preflight = await fetch(`${emulator.baseUrl}/dataStorage/store`, {
      method: 'OPTIONS',
      headers: { Origin: shop.origin, 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), shop.origin);
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'POST, OPTIONS');
    assert.equal(preflight.headers.get('access-control-allow-headers'), 'Content-Type');
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null);
    const unknown = await fetch(`${emulator.baseUrl}/dataStorage/store`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: shop.origin },
      body: encodeForm({ storageId: 'f'.repeat(32), paymentType: 'CCARD', pan: PAN }),
    });
    const answer = (await unknown.json()) as { errors: number; error: { errorCode: string }[] };
    assert.equal(answer.errors, 1);
    assert.equal(answer.error[0]?.errorCode, '18302');
  });
});
