/**
 * `POST /seamless/frontend/init` (qenta-protocol §3.3): validates a payment request, checks its
 * dynamic fingerprint (§2.4), reserves or checks the order number (§11.11), consumes the data
 * storage (§10) and answers the `redirectUrl` of an emulator payment page (§1.3).
 *
 * Decisions where the docs are silent (design.md; each is listed in the README):
 * - `requestFingerprintOrder` must name `secret` and itself, and must cover what the docs mark
 *   "within fingerprint: required" (customerId, language, amount, currency, orderDescription,
 *   successUrl) and, when sent, "required if used" (confirmUrl, customerStatement,
 *   orderReference) plus storageId, orderIdent, orderNumber and pendingUrl; otherwise 18603.
 *   Other parameters may travel unsigned: the official example shop leaves paymentType,
 *   cancelUrl, failureUrl, serviceUrl and windowName out of its order, the official library
 *   leaves windowName out (§2.4), and both work against the gateway. Unsigned names are listed
 *   in the journal so a developer sees them.
 * - Every parameter of the §3.3 "mandatory" table is required (the official library's rule).
 * - A data-storage payment type (§7.2) needs `storageId` + `orderIdent` of a live storage of the
 *   same merchant with data for that type: 11302 / 11300 when missing, 18302 for an unknown,
 *   expired, used or foreign storage, 18300 for another orderIdent, 11625 when nothing of that
 *   type was stored.
 * - `orderNumber` must have been reserved by generateOrderNumber: 18011 if not, 13011 if it was
 *   used already; without one, the emulator assigns a fresh number (§11.11).
 * - `duplicateRequestCheck=yes`: the same parameters again within 30 minutes get 13613.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import {
  canonicalBasketName,
  checkFingerprintOrder,
  type FormFields,
  FRONTEND_INIT_NAMES,
  type GatewayErrorDetail,
  parseFingerprintOrder,
  SECRET_NAME,
} from '@qenta-seamless/server-helpers/protocol';
import { normalizeCurrency, parseAmount } from '../amounts.ts';
import { isStoragePaymentType } from '../browser/payment-validation.ts';
import type { Merchant, Route } from '../context.ts';
import { type CatalogParameter, gatewayError, parameterError } from '../error-catalog.ts';
import { acceptsFinancialInstitution, PAYMENT_TYPES } from '../payment-types.ts';
import type { ApiContext } from './api-context.ts';
import {
  authenticate,
  type GatewayAnswer,
  type GatewayInput,
  runGatewayRequest,
} from './gateway-request.ts';
import { checkShopUrl } from './shop-urls.ts';

const MANDATORY: readonly [string, CatalogParameter][] = [
  ['language', 'language'],
  ['paymentType', 'paymentType'],
  ['amount', 'amount'],
  ['currency', 'currency'],
  ['orderDescription', 'orderDescription'],
  ['successUrl', 'successUrl'],
  ['cancelUrl', 'cancelUrl'],
  ['failureUrl', 'failureUrl'],
  ['serviceUrl', 'serviceUrl'],
  ['confirmUrl', 'confirmUrl'],
  ['consumerIpAddress', 'consumerIpAddress'],
  ['consumerUserAgent', 'consumerUserAgent'],
];

const URL_FIELDS: readonly [string, CatalogParameter][] = [
  ['successUrl', 'successUrl'],
  ['cancelUrl', 'cancelUrl'],
  ['failureUrl', 'failureUrl'],
  ['serviceUrl', 'serviceUrl'],
  ['confirmUrl', 'confirmUrl'],
  ['pendingUrl', 'pendingUrl'],
];

/** Maximum lengths of §10. */
const MAX_LENGTHS: readonly [string, CatalogParameter, number][] = [
  ['orderDescription', 'orderDescription', 255],
  ['serviceUrl', 'serviceUrl', 255],
  ['customerStatement', 'customerStatement', 254],
  ['orderReference', 'orderReference', 128],
];

/** Parameters whose value is yes or no (any case: HITFOX sent `Yes`, §3.3). */
const YES_NO: readonly [string, CatalogParameter][] = [
  ['duplicateRequestCheck', 'duplicateRequestCheck'],
  ['autoDeposit', 'autoDeposit'],
];

/** §2.4 docs: always within the fingerprint. */
const ALWAYS_SIGNED = [
  'customerId',
  'language',
  'amount',
  'currency',
  'orderDescription',
  'successUrl',
];

/** Within the fingerprint when sent ("required if used", and what binds storage and order). */
const SIGNED_IF_SENT = [
  'confirmUrl',
  'customerStatement',
  'orderReference',
  'pendingUrl',
  'storageId',
  'orderIdent',
  'orderNumber',
];

/**
 * Most characters (names and values) of the custom parameters of one request. They are echoed to
 * confirmUrl (§2.6), so a session keeps them whole; the docs name no limit, and clipping an
 * echoed value would hand the shop something it never sent, so more is refused with 15626.
 */
export const MAX_CUSTOM_PARAMETER_CHARS = 16 * 1024;

const KNOWN_NAMES = new Set(FRONTEND_INIT_NAMES);

const RESERVED_WORDS = new Set(['window', 'self', 'top', 'parent', 'opener', 'document', 'this']);

/**
 * The route of frontend init.
 *
 * @example
 * ```ts
 * const routes = [frontendInitRoute(ctx)];
 * ```
 */
export function frontendInitRoute(ctx: ApiContext): Route {
  const seen = new Map<string, number>();
  return {
    method: 'POST',
    path: /^\/seamless\/frontend\/init$/i,
    handle: (request: IncomingMessage, response: ServerResponse) =>
      runGatewayRequest(ctx, request, response, {
        name: 'frontend/init',
        canonicalNames: FRONTEND_INIT_NAMES,
        handle: (input) => initFrontend(ctx, withBasketNames(input), seen),
      }),
  };
}

function withBasketNames(input: GatewayInput): GatewayInput {
  const fields: FormFields = {};
  for (const [name, value] of Object.entries(input.fields)) {
    fields[canonicalBasketName(name) ?? name] = value;
  }
  return { ...input, fields };
}

function initFrontend(
  ctx: ApiContext,
  input: GatewayInput,
  seen: Map<string, number>,
): GatewayAnswer {
  const { fields, language } = input;
  const signature = checkSignature(ctx, input);
  if (!signature.ok) return { ok: false, errors: signature.errors };
  const { merchant, shopId } = signature;

  const errors = validateParameters(fields, merchant, language);
  const paymentType = fields.paymentType ?? '';
  const storage = isStoragePaymentType(paymentType)
    ? checkStorage(ctx, fields, merchant, shopId, language, errors)
    : undefined;
  const orderNumber = fields.orderNumber;
  if (orderNumber !== undefined && errors.length === 0) {
    if (ctx.orders.isReservedAndUnused(merchant.customerId, orderNumber)) {
      // fine
    } else if (ctx.orders.isUsed(merchant.customerId, orderNumber)) {
      errors.push(parameterError('alreadyUsed', 'orderNumber', language));
    } else {
      errors.push(parameterError('invalid', 'orderNumber', language));
    }
  }
  if (errors.length > 0) return { ok: false, errors, journal: { paymentType } };

  if ((fields.duplicateRequestCheck ?? '').toLowerCase() === 'yes') {
    const key = requestKey(fields);
    const now = ctx.clock.now();
    for (const [k, at] of seen) if (now - at >= ctx.duplicateWindowMs) seen.delete(k);
    if (seen.has(key)) {
      return { ok: false, errors: [gatewayError('13613', language)], journal: { paymentType } };
    }
    seen.set(key, now);
    if (seen.size > 10_000) seen.delete(seen.keys().next().value as string);
  }

  const assigned = orderNumber ?? ctx.orders.reserveOrderNumber(merchant.customerId);
  ctx.orders.markUsed(merchant.customerId, assigned);
  const paymentInformation = storage?.paymentInformation.get(paymentType);
  const sensitive = storage?.sensitive.get(paymentType);
  const liveStorageId = fields.storageId;
  if (liveStorageId !== undefined && ctx.storages.status(liveStorageId) === 'live') {
    const owned = ctx.storages.access(liveStorageId);
    if (owned?.customerId === merchant.customerId) ctx.storages.consume(liveStorageId);
  }
  const request: Record<string, string> = {};
  const customParameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'requestFingerprint' || name === 'requestFingerprintOrder') continue;
    request[name] = value;
    if (isCustomParameter(name)) customParameters[name] = value;
  }
  const { redirectUrl } = ctx.payments.start({
    merchant,
    shopId,
    request,
    customParameters,
    ...(paymentInformation ? { paymentInformation: { ...paymentInformation } } : {}),
    ...(sensitive ? { sensitive: { ...sensitive } } : {}),
    orderNumber: assigned,
  });
  return {
    ok: true,
    fields: { redirectUrl },
    journal: {
      orderNumber: assigned,
      paymentType,
      amount: fields.amount,
      currency: fields.currency,
      ...(liveStorageId ? { storageId: liveStorageId } : {}),
      customParameters: Object.keys(customParameters),
      unsigned: unsignedNames(fields),
    },
  };
}

type SignatureResult =
  | { ok: true; merchant: Merchant; shopId: string }
  | { ok: false; errors: GatewayErrorDetail[] };

/** §2.4: the dynamic order must be sent, name `secret` and itself, match, and cover the request. */
function checkSignature(ctx: ApiContext, input: GatewayInput): SignatureResult {
  const { fields, language } = input;
  const rawOrder = fields.requestFingerprintOrder;
  if (fields.customerId && fields.requestFingerprint && !rawOrder) {
    return { ok: false, errors: [parameterError('missing', 'requestFingerprintOrder', language)] };
  }
  // Refused before any message is built: a repeated name, or more names than the body has
  // fields, would make the message a multiple of the body (issue 10; 18603 like any other
  // unusable order, answered after the merchant is known, §11.3).
  const checked = checkFingerprintOrder(rawOrder ?? '', input.count);
  const order = checked.ok ? checked.names : [];
  const auth = authenticate(
    ctx,
    input,
    checked.ok ? order : { refused: 'requestFingerprintOrder' },
  );
  if (!auth.ok) return auth;
  const lowerOrder = new Set(order.map((name) => name.toLowerCase()));
  const invalidOrder: SignatureResult = {
    ok: false,
    errors: [parameterError('invalid', 'requestFingerprintOrder', language)],
  };
  if (!order.includes(SECRET_NAME) || !lowerOrder.has('requestfingerprintorder')) {
    return invalidOrder;
  }
  // An absent parameter gets its own "missing" error later, which says more than 18603.
  const required = [...ALWAYS_SIGNED, ...SIGNED_IF_SENT].filter(
    (name) => (fields[name] ?? '') !== '',
  );
  if (required.some((name) => !lowerOrder.has(name.toLowerCase()))) return invalidOrder;
  return auth;
}

function validateParameters(
  fields: Readonly<FormFields>,
  merchant: Merchant,
  language: string,
): GatewayErrorDetail[] {
  const errors: GatewayErrorDetail[] = [];
  const add = (kind: Parameters<typeof parameterError>[0], parameter: CatalogParameter) =>
    errors.push(parameterError(kind, parameter, language));
  for (const [name, parameter] of MANDATORY) {
    if ((fields[name] ?? '') === '') add('missing', parameter);
  }
  const has = (name: string) => (fields[name] ?? '') !== '';
  if (has('language') && !/^[A-Za-z]{2}$/.test(fields.language ?? '')) add('length', 'language');
  const paymentType = fields.paymentType ?? '';
  if (has('paymentType') && !(PAYMENT_TYPES as readonly string[]).includes(paymentType)) {
    add('invalid', 'paymentType');
  }
  const currency = normalizeCurrency(fields.currency ?? '');
  if (has('currency') && (currency === undefined || !merchant.currencies.includes(currency))) {
    add('invalid', 'currency');
  }
  if (has('amount')) {
    const minor = parseAmount(fields.amount ?? '', currency ?? 'EUR');
    if (minor === undefined || minor <= 0) add('invalid', 'amount');
  }
  for (const [name, parameter] of URL_FIELDS) {
    const verdict = has(name) ? checkShopUrl(fields[name] ?? '') : 'ok';
    if (verdict !== 'ok') add(verdict, parameter);
  }
  for (const [name, parameter, max] of MAX_LENGTHS) {
    if ((fields[name] ?? '').length > max) add('length', parameter);
  }
  for (const [name, parameter] of YES_NO) {
    if (has(name) && !/^(yes|no)$/i.test(fields[name] ?? '')) add('invalid', parameter);
  }
  if (has('consumerIpAddress') && isIP(fields.consumerIpAddress ?? '') === 0) {
    add('invalid', 'consumerIpAddress');
  }
  const windowName = fields.windowName;
  if (
    windowName !== undefined &&
    (!/^[A-Za-z][A-Za-z0-9_]*$/.test(windowName) || RESERVED_WORDS.has(windowName))
  ) {
    add('invalid', 'windowName');
  }
  const orderNumber = fields.orderNumber;
  if (orderNumber !== undefined) {
    if (!/^\d+$/.test(orderNumber)) add('numeric', 'orderNumber');
    else if (orderNumber.length > 9) add('length', 'orderNumber');
  }
  const transaction = fields.transactionIdentifier;
  if (transaction !== undefined && !['SINGLE', 'INITIAL', 'RECUR'].includes(transaction)) {
    add('invalid', 'transactionIdentifier');
  }
  const fi = fields.financialInstitution;
  if (fi !== undefined && fi !== '' && !acceptsFinancialInstitution(paymentType, fi)) {
    add('invalid', 'financialInstitution');
  }
  const birthDate = fields.consumerBirthDate;
  if (birthDate !== undefined && birthDate !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
    add('format', 'consumerBirthDate');
  }
  const basketItems = fields.basketItems;
  if (basketItems !== undefined && !/^\d{1,4}$/.test(basketItems)) add('numeric', 'basket');
  let customChars = 0;
  for (const [name, value] of Object.entries(fields)) {
    if (isCustomParameter(name)) customChars += name.length + value.length;
  }
  if (customChars > MAX_CUSTOM_PARAMETER_CHARS) errors.push(gatewayError('15626', language));
  return errors;
}

function isCustomParameter(name: string): boolean {
  return !KNOWN_NAMES.has(name) && canonicalBasketName(name) === undefined;
}

function checkStorage(
  ctx: ApiContext,
  fields: Readonly<FormFields>,
  merchant: Merchant,
  shopId: string,
  language: string,
  errors: GatewayErrorDetail[],
) {
  const storageId = fields.storageId ?? '';
  const orderIdent = fields.orderIdent ?? '';
  if (storageId === '') errors.push(parameterError('missing', 'storageId', language));
  if (orderIdent === '') errors.push(parameterError('missing', 'orderIdent', language));
  if (storageId === '' || orderIdent === '') return undefined;
  if (ctx.storages.status(storageId) !== 'live') {
    errors.push(parameterError('invalid', 'storageId', language));
    return undefined;
  }
  const storage = ctx.storages.access(storageId);
  if (
    storage === undefined ||
    storage.customerId !== merchant.customerId ||
    storage.shopId !== shopId
  ) {
    errors.push(parameterError('invalid', 'storageId', language));
    return undefined;
  }
  if (storage.orderIdent !== orderIdent) {
    errors.push(parameterError('invalid', 'orderIdent', language));
    return undefined;
  }
  if (!storage.paymentInformation.has(fields.paymentType ?? '')) {
    errors.push(parameterError('missing', 'paymentInformation', language));
    return undefined;
  }
  return storage;
}

function requestKey(fields: Readonly<FormFields>): string {
  const entries = Object.entries(fields)
    .filter(([name]) => name !== 'requestFingerprint')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

/** Parameters the request's fingerprint order leaves out (for the journal). */
function unsignedNames(fields: Readonly<FormFields>): string[] {
  const order = new Set(
    parseFingerprintOrder(fields.requestFingerprintOrder ?? '').map((name) => name.toLowerCase()),
  );
  return Object.keys(fields).filter(
    (name) => name !== 'requestFingerprint' && !order.has(name.toLowerCase()),
  );
}
