// The test "shop": a koa middleware inside web-test-runner's dev server. It plays the shop's init
// endpoint with the real server-helpers client against a real emulator, serves the strict-CSP
// page, and records every request that reaches the shop origin (for the card-data-leak test).
import { createQentaClient } from '@qenta-seamless/server-helpers';

const SKIP_LOG = /^\/(__web-test-runner__|__wds|__web-dev-server)/;
const STORAGE_LIFETIME_MS = 30 * 60_000;

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function json(ctx, status, payload) {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(payload);
}

function cspPage({ gateway, paymentType, mode, blockGateway, nonce }) {
  // With a nonce the gateway origin is not listed: the script is allowed by `window.litNonce` only.
  const scripts = nonce ? `'self' 'nonce-${nonce}'` : blockGateway ? "'self'" : `'self' ${gateway}`;
  const policy = [
    "default-src 'none'",
    `script-src ${scripts}`,
    "style-src 'self'",
    `connect-src 'self' ${gateway}`,
    `frame-src ${gateway}`,
    "img-src 'self'",
    "base-uri 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>strict CSP</title>
${nonce ? `<script nonce="${nonce}" src="/__test/lit-nonce.js?nonce=${nonce}"></script>` : ''}
<script type="module" src="/test/csp-page.ts"></script></head>
<body><main><form id="checkout" action="/shop/after-submit" method="post">
<qenta-payment-form name="payment" init-url="/api/data-storage" payment-type="${paymentType}" mode="${mode}" load-timeout="4000"></qenta-payment-form>
<button>Pay</button></form></main></body></html>`;
  return { policy, html };
}

/**
 * @param {{ emulator: import('@qenta-seamless/emulator').Emulator, clock: import('@qenta-seamless/emulator').ManualClock }} options
 */
export function shopMiddleware({ emulator, clock }) {
  const client = createQentaClient({
    baseUrl: emulator.baseUrl,
    customerId: 'D200001',
    shopId: 'qmore',
    secret: 'B8AKTPWBRMNBV455FG6M2DANE99WU2',
  });
  /** Every request to the shop origin: method, url, body. */
  let requests = [];
  let inits = 0;
  let lastStorageId = '';
  const failing = new Map();

  return async function shop(ctx, next) {
    const path = ctx.path;
    const body = ctx.method === 'POST' && !SKIP_LOG.test(path) ? await readBody(ctx.req) : '';
    if (!SKIP_LOG.test(path) && !path.startsWith('/__test/requests')) {
      requests.push({ method: ctx.method, url: ctx.url, body, referer: ctx.get('referer') });
    }

    if (path === '/api/data-storage' && ctx.method === 'POST') {
      const failKey = ctx.query.failFirst;
      if (failKey && !failing.has(failKey)) {
        failing.set(failKey, true);
        return json(ctx, 502, { error: 'gateway unavailable' });
      }
      const input = JSON.parse(body || '{}');
      inits += 1;
      // `?delay=ms`: a slow shop, to type while the element is still loading.
      const delay = Math.min(Number(ctx.query.delay) || 0, 3000);
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      const origin = `${ctx.protocol}://${ctx.host}`;
      const result = await client.dataStorage.init({
        orderIdent: `wtr${Date.now()}${inits}`,
        returnUrl: `${origin}/fallback`,
        // As the README's snippet: the language the element sends (issue 11).
        language: input.language === 'de' ? 'de' : 'en',
        ...(input.mode === 'pci3' ? { javascriptScriptVersion: 'pci3' } : {}),
      });
      lastStorageId = result.storageId;
      return json(ctx, 200, { storageId: result.storageId, javascriptUrl: result.javascriptUrl });
    }
    if (path === '/api/data-storage-broken') return json(ctx, 500, { error: 'broken' });
    if (path === '/api/data-storage-slow') {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return json(ctx, 500, { error: 'too late' });
    }
    if (path === '/__test/config') {
      return json(ctx, 200, { gateway: emulator.url, baseUrl: emulator.baseUrl, inits });
    }
    if (path === '/__test/expire' && ctx.method === 'POST') {
      clock.advance(STORAGE_LIFETIME_MS + 60_000);
      return json(ctx, 200, { ok: true });
    }
    if (path === '/__test/consume' && ctx.method === 'POST') {
      emulator.storages.consume(JSON.parse(body).storageId);
      return json(ctx, 200, { ok: true });
    }
    if (path === '/__test/consume-last' && ctx.method === 'POST') {
      emulator.storages.consume(lastStorageId);
      return json(ctx, 200, { ok: true });
    }
    if (path === '/__test/requests') return json(ctx, 200, requests);
    if (path === '/__test/requests/clear') {
      requests = [];
      return json(ctx, 200, { ok: true });
    }
    if (path === '/__test/lit-nonce.js') {
      // How a page hands Lit (and the element) its CSP nonce; an external file, no inline script.
      ctx.type = 'application/javascript';
      ctx.body = `window.litNonce = ${JSON.stringify(String(ctx.query.nonce))};\n`;
      return undefined;
    }
    if (path === '/__test/silent.js') {
      // A data storage whose store calls never answer (for the element's store time-out).
      ctx.type = 'application/javascript';
      ctx.body =
        'window.QentaCEE_DataStorage = function () {};\n' +
        'window.QentaCEE_DataStorage.prototype.storeCreditCardInformation = function () {};\n';
      return undefined;
    }
    if (path === '/__test/empty.js') {
      ctx.type = 'application/javascript';
      ctx.body = '// defines no data storage\n';
      return undefined;
    }
    if (path === '/__test/slow.js') {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      ctx.type = 'application/javascript';
      ctx.body = '';
      return undefined;
    }
    if (path === '/shop/after-submit') {
      ctx.type = 'text/html';
      ctx.body = '<!doctype html><title>submitted</title><p>ok</p>';
      return undefined;
    }
    if (path === '/csp-page.html') {
      const page = cspPage({
        gateway: emulator.url,
        paymentType: ctx.query.paymentType ?? 'CCARD',
        mode: ctx.query.mode === 'pci3' ? 'pci3' : 'classic',
        blockGateway: ctx.query.block === '1',
        nonce: /^[a-z0-9]{8,32}$/.test(ctx.query.nonce ?? '') ? ctx.query.nonce : undefined,
      });
      ctx.set('Content-Security-Policy', page.policy);
      ctx.type = 'text/html';
      ctx.body = page.html;
      return undefined;
    }
    return next();
  };
}
