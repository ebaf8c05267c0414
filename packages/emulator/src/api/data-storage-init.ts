/**
 * `POST /seamless/dataStorage/init` (qenta-protocol §3.1): creates a data storage and answers
 * `storageId` + `javascriptUrl` (§1.3). Fingerprint over the fixed order of §2.2; the pci3
 * display options and Google Pay parameters are kept for the browser side, unsigned (§2.2).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DATA_STORAGE_INIT_ORDER,
  type GatewayErrorDetail,
} from '@qenta-seamless/server-helpers/protocol';
import type { EmulatorContext, Route, ScriptVersion } from '../context.ts';
import { parameterError } from '../error-catalog.ts';
import type { ApiContext } from './api-context.ts';
import {
  authenticate,
  type GatewayAnswer,
  type GatewayInput,
  runGatewayRequest,
} from './gateway-request.ts';
import { checkShopUrl } from './shop-urls.ts';

const SCRIPT_VERSIONS: readonly ScriptVersion[] = ['', 'pci3', 'googlepay'];

/** Display options of the SAQ-A iframe and Google Pay (§3.1), in canonical spelling. */
export const IFRAME_OPTION_NAMES = [
  'iframeCssUrl',
  'creditcardShowIssueDateField',
  'creditcardShowIssueNumberField',
  'creditcardShowCardholderNameField',
  'creditcardShowCvcField',
  'creditcardPanPlaceholder',
  'creditcardCvcPlaceholder',
  'creditcardCardholderNamePlaceholder',
  'creditcardIssueNumberPlaceholder',
  'creditcardShowExpirationDatePlaceholder',
  'creditcardShowIssueDatePlaceholder',
  'googlepaymerchantid',
  'googlepaymerchantname',
  'googlepayallowedauthmethod',
  'googlepayallowedcardnetwork',
  'googlepaycurrencycode',
  'googlepaycountrycode',
  'googlepaytotalprice',
] as const;

const NAMES = [...DATA_STORAGE_INIT_ORDER, 'requestFingerprint', ...IFRAME_OPTION_NAMES];

/** §11.5 leaves the orderIdent's maximum open; the emulator allows what any shop plausibly uses. */
const MAX_ORDER_IDENT = 255;

/** Clip of a kept display option (placeholders, flags, Google Pay texts). */
const MAX_DISPLAY_OPTION = 255;

/**
 * The `javascriptUrl` of a storage (§1.3): with the shopId segment when the storage has one,
 * without it otherwise (the library fixture's shape).
 *
 * @example
 * ```ts
 * javascriptUrl(ctx, storage);
 * // 'http://127.0.0.1:8899/seamless/dataStorage/js/D200001/qmore/<storageId>/dataStorage.js'
 * ```
 */
export function javascriptUrl(
  ctx: Pick<EmulatorContext, 'baseUrl'>,
  storage: { customerId: string; shopId: string; storageId: string },
): string {
  const shop = storage.shopId === '' ? '' : `${encodeURIComponent(storage.shopId)}/`;
  return `${ctx.baseUrl}/dataStorage/js/${encodeURIComponent(storage.customerId)}/${shop}${storage.storageId}/dataStorage.js`;
}

/**
 * The route of data storage init.
 *
 * @example
 * ```ts
 * const routes = [dataStorageInitRoute(ctx)];
 * ```
 */
export function dataStorageInitRoute(ctx: ApiContext): Route {
  return {
    method: 'POST',
    path: /^\/seamless\/dataStorage\/init$/i,
    handle: (request: IncomingMessage, response: ServerResponse) =>
      runGatewayRequest(ctx, request, response, {
        name: 'dataStorage/init',
        canonicalNames: NAMES,
        handle: (input) => initDataStorage(ctx, input),
      }),
  };
}

function initDataStorage(ctx: ApiContext, input: GatewayInput): GatewayAnswer {
  const auth = authenticate(ctx, input, DATA_STORAGE_INIT_ORDER);
  if (!auth.ok) return { ok: false, errors: auth.errors };
  const { fields, language } = input;
  const errors: GatewayErrorDetail[] = [];
  const orderIdent = fields.orderIdent ?? '';
  // §3.1 / §9.4: a missing or empty orderIdent is answered with 15300 (invalid length).
  if (orderIdent === '' || orderIdent.length > MAX_ORDER_IDENT) {
    errors.push(parameterError('length', 'orderIdent', language));
  }
  const returnUrl = fields.returnUrl;
  const returnVerdict =
    returnUrl === undefined || returnUrl === '' ? 'missing' : checkShopUrl(returnUrl);
  if (returnVerdict !== 'ok') errors.push(parameterError(returnVerdict, 'returnUrl', language));
  const requestLanguage = fields.language;
  if (requestLanguage === undefined || requestLanguage === '') {
    errors.push(parameterError('missing', 'language', language));
  } else if (!/^[A-Za-z]{2}$/.test(requestLanguage)) {
    errors.push(parameterError('length', 'language', language));
  }
  const version = (fields.javascriptScriptVersion ?? '').toLowerCase() as ScriptVersion;
  if (!SCRIPT_VERSIONS.includes(version)) {
    errors.push(parameterError('invalid', 'javascriptScriptVersion', language));
  }
  const cssUrl = fields.iframeCssUrl;
  const cssVerdict = cssUrl === undefined || cssUrl === '' ? 'ok' : checkShopUrl(cssUrl);
  if (cssVerdict !== 'ok') errors.push(parameterError(cssVerdict, 'iframeCssUrl', language));
  if (errors.length > 0) return { ok: false, errors };

  // Display options are kept clipped (issue 10: a storage must not keep ~1 MiB of request);
  // no real placeholder or Google Pay value comes near the clip. iframeCssUrl is a checked URL.
  const iframeOptions: Record<string, string> = {};
  for (const name of IFRAME_OPTION_NAMES) {
    const value = fields[name];
    if (value === undefined) continue;
    iframeOptions[name] = name === 'iframeCssUrl' ? value : value.slice(0, MAX_DISPLAY_OPTION);
  }
  const storage = ctx.storages.create({
    customerId: auth.merchant.customerId,
    shopId: auth.shopId,
    orderIdent,
    returnUrl: returnUrl ?? '',
    language: (requestLanguage ?? 'en').toLowerCase(),
    javascriptScriptVersion: version,
    iframeOptions,
  });
  ctx.journal.record({
    kind: 'storage',
    summary: `data storage ${storage.storageId} created`,
    details: {
      storageId: storage.storageId,
      customerId: storage.customerId,
      shopId: storage.shopId,
      orderIdent,
      javascriptScriptVersion: version,
    },
  });
  return {
    ok: true,
    fields: { storageId: storage.storageId, javascriptUrl: javascriptUrl(ctx, storage) },
    journal: { storageId: storage.storageId },
  };
}
