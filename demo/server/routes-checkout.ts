/**
 * Cart and checkout endpoints: the data storage for `<qenta-payment-form>`, the payment choice,
 * the review (discount code) and the start of the payment (qenta-protocol §6.7).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cleanCart, type PricedCart, priceCart } from './cart.ts';
import { DISCOUNT_CODES, PRODUCTS } from './catalogue.ts';
import { gatewayFailure, type ShopContext } from './context.ts';
import { HttpError, readBody, readInput, readJson, redirect, sendJson } from './http.ts';
import { toAmount } from './money.ts';
import { findPaymentMethod, PAYMENT_METHODS } from './payment-methods.ts';
import { loadSession, newOrderIdent, type SessionData } from './session.ts';

/** The cart as pages see it. */
export function cartView(cart: PricedCart) {
  return {
    lines: cart.lines.map((line) => ({
      productId: line.product.id,
      name: line.product.name,
      quantity: line.quantity,
      unitCents: line.product.priceCents,
      lineCents: line.lineCents,
    })),
    subtotalCents: cart.subtotalCents,
    discountCode: cart.discountCode,
    discountCents: cart.discountCents,
    shippingCents: cart.shippingCents,
    totalCents: cart.totalCents,
  };
}

function checkoutView(data: SessionData) {
  const method = findPaymentMethod(data.checkout.paymentType);
  return {
    cart: cartView(priceCart(data.cart, data.checkout.discountCode)),
    payment: method
      ? {
          paymentType: method.paymentType,
          label: method.label,
          mode: data.checkout.scriptVersion === 'pci3' ? 'pci3' : 'classic',
          anonymised: data.checkout.anonymised ?? {},
        }
      : undefined,
  };
}

/** Languages the shop's pages and messages come in; the gateway is asked for one of these. */
export const SHOP_LANGUAGES = ['en', 'de'] as const;

/**
 * `requested` when the shop offers it (two lower-case letters, as the element sends them),
 * otherwise `fallback`.
 *
 * @example
 * ```ts
 * shopLanguage('de', 'en'); // 'de'
 * shopLanguage('fr', 'en'); // 'en'
 * ```
 */
export function shopLanguage(requested: unknown, fallback: string): string {
  return (SHOP_LANGUAGES as readonly unknown[]).includes(requested)
    ? (requested as string)
    : fallback;
}

/** GET /api/products */
export function handleProducts(
  context: ShopContext,
  _request: IncomingMessage,
  response: ServerResponse,
) {
  sendJson(response, 200, {
    products: PRODUCTS,
    paymentMethods: PAYMENT_METHODS,
    testMode: context.testMode,
  });
}

/** GET and PUT /api/cart */
export async function handleCart(
  context: ShopContext,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const session = await loadSession(context.db, request, response);
  if (request.method === 'PUT') {
    const body = await readJson(request);
    session.data.cart = cleanCart(body.items);
    await session.save();
  }
  sendJson(
    response,
    200,
    cartView(priceCart(session.data.cart, session.data.checkout.discountCode)),
  );
}

/**
 * POST /api/checkout/data-storage — the element's `init-url`. Keeps `orderIdent` and `storageId`
 * in the session; `?mode=pci3` (or `{ "mode": "pci3" }`) asks for the SAQ-A iframe (§6.5).
 */
export async function handleDataStorage(
  context: ShopContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) {
  const body = await readJson(request);
  const session = await loadSession(context.db, request, response);
  const mode = url.searchParams.get('mode') ?? body.mode ?? body.javascriptScriptVersion;
  const pci3 = mode === 'pci3';
  const checkout = session.data.checkout;
  checkout.orderIdent ??= newOrderIdent();
  // The element sends its own language; the gateway's messages and pages follow it when the
  // shop offers that language, else the shop's default.
  checkout.language = shopLanguage(body.language, context.language);
  let result: { storageId: string; javascriptUrl: string };
  try {
    result = await context.client.dataStorage.init({
      orderIdent: checkout.orderIdent,
      returnUrl: `${context.shopUrl}/api/checkout/fallback`,
      language: checkout.language,
      ...(pci3
        ? { javascriptScriptVersion: 'pci3', iframeCssUrl: `${context.shopUrl}/pci3-iframe.css` }
        : {}),
    });
  } catch (error) {
    throw gatewayFailure(error);
  }
  checkout.storageId = result.storageId;
  checkout.scriptVersion = pci3 ? 'pci3' : '';
  await session.save();
  sendJson(response, 200, { storageId: result.storageId, javascriptUrl: result.javascriptUrl });
}

/**
 * POST /api/checkout/payment `{ paymentType }` — the checkout form (JSON, or a plain form post
 * answered with a redirect to the review page). For methods with a data storage the anonymised
 * data is read back from the gateway (§3.2), so the review shows what the gateway holds, not
 * what the browser claims.
 */
export async function handlePaymentChoice(
  context: ShopContext,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const { body, isForm } = await readInput(request);
  const session = await loadSession(context.db, request, response);
  try {
    await choosePayment(context, session.data, body.paymentType);
  } catch (error) {
    if (isForm && error instanceof HttpError) {
      return redirect(response, `/checkout.html?error=${encodeURIComponent(error.code)}`);
    }
    throw error;
  } finally {
    await session.save();
  }
  if (isForm) return redirect(response, '/review.html');
  sendJson(response, 200, checkoutView(session.data));
}

async function choosePayment(context: ShopContext, data: SessionData, paymentType: unknown) {
  const method = findPaymentMethod(paymentType);
  if (!method) throw new HttpError(422, 'UNKNOWN_PAYMENT_TYPE', 'Please choose a payment method.');
  const checkout = data.checkout;
  checkout.paymentType = method.paymentType;
  checkout.anonymised = {};
  if (!method.usesDataStorage) return;
  if (!checkout.storageId) {
    throw new HttpError(409, 'NO_DATA_STORAGE', 'Please enter your payment details again.');
  }
  let read: Awaited<ReturnType<typeof context.client.dataStorage.read>>;
  try {
    read = await context.client.dataStorage.read({ storageId: checkout.storageId });
  } catch (error) {
    throw gatewayFailure(error);
  }
  const info = read.paymentInformation.find((entry) => entry.paymentType === method.paymentType);
  if (!info) {
    delete checkout.paymentType;
    throw new HttpError(409, 'NO_PAYMENT_DATA', 'Please enter your payment details again.');
  }
  checkout.anonymised = Object.fromEntries(
    Object.entries(info).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** GET /api/checkout — what the review page shows. */
export async function handleCheckout(
  context: ShopContext,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const session = await loadSession(context.db, request, response);
  sendJson(response, 200, checkoutView(session.data));
}

/** POST /api/checkout/discount `{ code }` — an empty code removes the discount. */
export async function handleDiscount(
  context: ShopContext,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const body = await readJson(request);
  const session = await loadSession(context.db, request, response);
  const code = typeof body.code === 'string' ? body.code.trim().toUpperCase() : '';
  if (code !== '' && DISCOUNT_CODES[code] === undefined) {
    throw new HttpError(
      422,
      'UNKNOWN_DISCOUNT_CODE',
      `The code “${code.slice(0, 32)}” is not valid.`,
    );
  }
  if (code === '') delete session.data.checkout.discountCode;
  else session.data.checkout.discountCode = code;
  await session.save();
  sendJson(response, 200, checkoutView(session.data));
}

function newShopOrderId(): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return `SO-${day}-${randomBytes(6).toString('hex').toUpperCase()}`;
}

function clientIp(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:')
    ? address.slice(7)
    : address === '::1'
      ? '127.0.0.1'
      : address;
}

/**
 * POST /api/checkout/start — writes the order to the database BEFORE calling frontend init
 * (design.md, "Persistence"), then answers the gateway's `redirectUrl`.
 */
export async function handleStart(
  context: ShopContext,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const session = await loadSession(context.db, request, response);
  const checkout = session.data.checkout;
  const cart = priceCart(session.data.cart, checkout.discountCode);
  const method = findPaymentMethod(checkout.paymentType);
  if (cart.lines.length === 0) throw new HttpError(409, 'EMPTY_CART', 'Your cart is empty.');
  if (!method) throw new HttpError(409, 'NO_PAYMENT_METHOD', 'Please choose a payment method.');
  if (method.usesDataStorage && !checkout.storageId) {
    throw new HttpError(409, 'NO_DATA_STORAGE', 'Please enter your payment details again.');
  }
  const orderIdent = checkout.orderIdent ?? newOrderIdent();
  const orderLanguage = shopLanguage(checkout.language, context.language);
  const order = await context.db.createOrder({
    id: newShopOrderId(),
    orderIdent,
    storageId: method.usesDataStorage ? checkout.storageId : undefined,
    paymentType: method.paymentType,
    anonymised: checkout.anonymised ?? {},
    lines: cart.lines.map((line) => ({
      productId: line.product.id,
      name: line.product.name,
      quantity: line.quantity,
      unitCents: line.product.priceCents,
      taxRate: line.product.taxRate,
    })),
    discountCode: cart.discountCode,
    discountCents: cart.discountCents,
    shippingCents: cart.shippingCents,
    amountCents: cart.totalCents,
    currency: context.currency,
  });
  session.data.orderIds.push(order.id);
  // The data storage is used up by frontend init (§11.5): the next checkout starts afresh. The
  // items now belong to the order; "Try again" on the result page puts them back.
  session.data.checkout = {};
  session.data.cart = {};
  await session.save();

  const result = (outcome: string) =>
    `${context.shopUrl}/result.html?order=${encodeURIComponent(order.id)}&return=${outcome}`;
  const description = cart.lines
    .map((line) => `${line.quantity} x ${line.product.name}`)
    .join(', ');
  try {
    const { redirectUrl } = await context.client.payment.start({
      paymentType: method.paymentType,
      amount: toAmount(order.amountCents),
      currency: order.currency,
      orderDescription: `Bean & Burr order ${order.id}: ${description}`.slice(0, 255),
      language: orderLanguage,
      successUrl: result('success'),
      cancelUrl: result('cancel'),
      failureUrl: result('failure'),
      pendingUrl: result('pending'),
      serviceUrl: `${context.shopUrl}/service.html`,
      confirmUrl: context.confirmUrl,
      consumerIpAddress: clientIp(request),
      consumerUserAgent: String(request.headers['user-agent'] ?? 'unknown').slice(0, 255),
      orderReference: order.id,
      ...(method.usesDataStorage ? { storageId: order.storageId!, orderIdent } : {}),
      customParameters: { shopOrderId: order.id },
    });
    sendJson(response, 200, { orderId: order.id, redirectUrl });
  } catch (error) {
    await context.db.markStartFailed(order.id);
    session.data.cart = Object.fromEntries(
      order.lines.map((line) => [line.productId, line.quantity]),
    );
    await session.save();
    throw gatewayFailure(error);
  }
}

/**
 * GET or POST /api/checkout/fallback — the data storage's `returnUrl` for browsers without
 * CORS (§6.6): hands the gateway's answer to the script in the parent window.
 */
export async function handleFallback(
  _context: ShopContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) {
  let value = url.searchParams.get('response') ?? '';
  if (request.method === 'POST') {
    value = new URLSearchParams(await readBody(request, 256 * 1024)).get('response') ?? value;
  }
  // JSON string literal with `<` escaped, so the value can never close the script element.
  const literal = JSON.stringify(value).replaceAll('<', '\\u003c');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Return</title></head><body><script>
var r = ${literal};
if (parent.QentaCEE_Fallback_Request_Object) parent.QentaCEE_Fallback_Request_Object.setResponseText(r);
else if (parent.WirecardCEE_Fallback_Request_Object) parent.WirecardCEE_Fallback_Request_Object.setResponseText(r);
</script></body></html>`;
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(html);
}
