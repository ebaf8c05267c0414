/**
 * Test harness of the browser-side tests: a shop page server with a strict CSP, a recording
 * confirm endpoint, real data storage init / frontend init calls over HTTP, and Chromium.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  computeFingerprint,
  DATA_STORAGE_INIT_ORDER,
  decodeForm,
  encodeForm,
} from '@qenta-seamless/server-helpers/protocol';
import { type Browser, chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../../scripts/chrome.mjs';

export const DEMO = {
  customerId: 'D200001',
  shopId: 'qmore',
  secret: 'B8AKTPWBRMNBV455FG6M2DANE99WU2',
} as const;

/** Launches the machine's Chromium (never a downloaded one). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS, timeout: 20_000 });
}

/** A started node:http server on 127.0.0.1 with an ephemeral port. */
export async function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  port = 0,
): Promise<{ server: Server; origin: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A shop serving one page that loads the data-storage script, under a CSP without
 * 'unsafe-inline' / 'unsafe-eval'. `localhost` and `127.0.0.1` are different origins, so the
 * shop runs on `localhost` and the emulator on `127.0.0.1`: everything between them is
 * cross-origin as in production.
 */
export async function startShop(emulatorOrigin: string) {
  let javascriptUrl = '';
  const visits: { path: string; at: number }[] = [];
  const shop = await listen((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    visits.push({ path: url.pathname, at: Date.now() });
    if (url.pathname === '/checkout') {
      const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><h1>Checkout</h1><div id="creditcardDataIframe"></div>
<div id="creditcardMotoDataIframe"></div><div id="MaestroDataIframe"></div>
<script src="${javascriptUrl}"></script></body></html>`;
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': [
          "default-src 'self'",
          `script-src 'self' ${emulatorOrigin}`,
          `connect-src 'self' ${emulatorOrigin}`,
          `frame-src ${emulatorOrigin}`,
          "style-src 'self'",
        ].join('; '),
      });
      response.end(body);
      return;
    }
    if (url.pathname.endsWith('.css')) {
      response.writeHead(200, { 'Content-Type': 'text/css' });
      response.end('#pan { letter-spacing: 1px; }');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    response.end(`shop page ${url.pathname}`);
  });
  const origin = shop.origin.replace('127.0.0.1', 'localhost');
  return {
    origin,
    visits,
    close: shop.close,
    setScript(url: string) {
      javascriptUrl = url;
    },
  };
}

/** Data storage init over HTTP, as a shop server does (qenta-protocol §2.2, §3.1). */
export async function initDataStorage(
  baseUrl: string,
  options: { returnUrl: string; pci3?: boolean; language?: string; extra?: Record<string, string> },
): Promise<{ storageId: string; javascriptUrl: string; orderIdent: string }> {
  const orderIdent = `order${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const fields: Record<string, string> = {
    customerId: DEMO.customerId,
    shopId: DEMO.shopId,
    orderIdent,
    returnUrl: options.returnUrl,
    language: options.language ?? 'en',
    javascriptScriptVersion: options.pci3 ? 'pci3' : '',
    ...options.extra,
  };
  fields.requestFingerprint = computeFingerprint(fields, DATA_STORAGE_INIT_ORDER, DEMO.secret);
  const answer = await postForm(`${baseUrl}/dataStorage/init`, fields);
  if (!answer.storageId || !answer.javascriptUrl) {
    throw new Error(`data storage init failed: ${JSON.stringify(answer)}`);
  }
  return { storageId: answer.storageId, javascriptUrl: answer.javascriptUrl, orderIdent };
}

/** Frontend init over HTTP (qenta-protocol §2.4, §3.3); returns the redirectUrl. */
export async function startPayment(
  baseUrl: string,
  options: {
    paymentType: string;
    confirmUrl: string;
    shopOrigin: string;
    storage?: { storageId: string; orderIdent: string };
    custom?: Record<string, string>;
    pendingUrl?: boolean;
  },
): Promise<string> {
  const fields: Record<string, string> = {
    customerId: DEMO.customerId,
    shopId: DEMO.shopId,
    language: 'en',
    paymentType: options.paymentType,
    amount: '12.50',
    currency: 'EUR',
    orderDescription: 'Test order',
    successUrl: `${options.shopOrigin}/success`,
    cancelUrl: `${options.shopOrigin}/cancel`,
    failureUrl: `${options.shopOrigin}/failure`,
    serviceUrl: `${options.shopOrigin}/service`,
    confirmUrl: options.confirmUrl,
    consumerIpAddress: '127.0.0.1',
    consumerUserAgent: 'test',
    ...(options.pendingUrl ? { pendingUrl: `${options.shopOrigin}/pending` } : {}),
    ...(options.storage ?? {}),
    ...options.custom,
  };
  const order = [...Object.keys(fields), 'secret', 'requestFingerprintOrder'];
  fields.requestFingerprintOrder = order.join(',');
  fields.requestFingerprint = computeFingerprint(fields, order, DEMO.secret);
  const answer = await postForm(`${baseUrl}/frontend/init`, fields);
  if (!answer.redirectUrl) throw new Error(`frontend init failed: ${JSON.stringify(answer)}`);
  return answer.redirectUrl;
}

async function postForm(url: string, fields: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: encodeForm(fields),
  });
  return decodeForm(await response.text()).fields;
}

/** One confirm POST as the shop received it. */
export interface ReceivedConfirm {
  body: string;
  fields: Record<string, string>;
  at: number;
}

/**
 * A recording confirm endpoint. `answers` is consumed one per request: `OK`, `NOK`, `500`,
 * `hang` (never answers); when empty it answers OK.
 */
export async function startConfirmRecorder(answers: string[] = []) {
  const received: ReceivedConfirm[] = [];
  const waiters: (() => void)[] = [];
  const endpoint = await listen((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.push({ body, fields: decodeForm(body).fields, at: Date.now() });
      for (const wake of waiters.splice(0)) wake();
      const answer = answers.shift() ?? 'OK';
      if (answer === 'hang') return;
      if (answer === '500') {
        response.writeHead(500);
        response.end('oops');
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(
        answer === 'OK'
          ? '<QPAY-CONFIRMATION-RESPONSE result="OK" />'
          : '<QPAY-CONFIRMATION-RESPONSE result="NOK" message="not yet" />',
      );
    });
  });
  return {
    url: `${endpoint.origin}/confirm`,
    received,
    close: endpoint.close,
    /** Resolves once `count` confirms arrived (rejects after `timeoutMs`). */
    async waitFor(count: number, timeoutMs = 5_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${received.length} of ${count} confirms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
  };
}
