/**
 * `POST /seamless/dataStorage/read` (qenta-protocol §3.2): checks a storage, extends its
 * lifetime (§10) and answers the anonymised payment data per stored payment type.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DATA_STORAGE_READ_ORDER, indexedFields } from '@qenta-seamless/server-helpers/protocol';
import type { Route } from '../context.ts';
import { parameterError } from '../error-catalog.ts';
import type { ApiContext } from './api-context.ts';
import { javascriptUrl } from './data-storage-init.ts';
import {
  authenticate,
  type GatewayAnswer,
  type GatewayInput,
  runGatewayRequest,
} from './gateway-request.ts';

const NAMES = [...DATA_STORAGE_READ_ORDER, 'requestFingerprint', 'language'];

/**
 * The route of data storage read.
 *
 * @example
 * ```ts
 * const routes = [dataStorageReadRoute(ctx)];
 * ```
 */
export function dataStorageReadRoute(ctx: ApiContext): Route {
  return {
    method: 'POST',
    path: /^\/seamless\/dataStorage\/read$/i,
    handle: (request: IncomingMessage, response: ServerResponse) =>
      runGatewayRequest(ctx, request, response, {
        name: 'dataStorage/read',
        canonicalNames: NAMES,
        handle: (input) => readDataStorage(ctx, input),
      }),
  };
}

function readDataStorage(ctx: ApiContext, input: GatewayInput): GatewayAnswer {
  const { fields, language } = input;
  // §3.2: 11302 for a missing storageId is observed; check it with the other "missing" errors
  // before the fingerprint, whose message would only hide the real cause.
  const storageId = fields.storageId;
  if (fields.customerId !== undefined && (storageId === undefined || storageId === '')) {
    return { ok: false, errors: [parameterError('missing', 'storageId', language)] };
  }
  const auth = authenticate(ctx, input, DATA_STORAGE_READ_ORDER);
  if (!auth.ok) return { ok: false, errors: auth.errors };
  const id = storageId ?? '';
  const status = ctx.storages.status(id);
  const storage = status === 'live' ? ctx.storages.access(id) : undefined;
  if (
    storage === undefined ||
    storage.customerId !== auth.merchant.customerId ||
    storage.shopId !== auth.shopId
  ) {
    return {
      ok: false,
      errors: [parameterError('invalid', 'storageId', language)],
      journal: { storageId: id, storageStatus: storage === undefined ? status : 'other merchant' },
    };
  }
  const records = [...storage.paymentInformation.entries()].map(([paymentType, data]) => ({
    paymentType,
    ...data,
  }));
  return {
    ok: true,
    fields: {
      storageId: storage.storageId,
      javascriptUrl: javascriptUrl(ctx, storage),
      paymentInformations: String(records.length),
      ...indexedFields('paymentInformation', records),
    },
    journal: { storageId: storage.storageId, paymentInformations: records.length },
  };
}
