/**
 * The steps every gateway form endpoint shares: read the body (403 / 413 at transport level),
 * enforce the documented limits (§10), match parameter names case-insensitively while keeping
 * the canonical spelling (§11.1), authenticate the merchant by fingerprint (§11.3), answer an
 * url-encoded body and write one journal line per request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  errorBlockFields,
  type FormFields,
  type GatewayErrorDetail,
  POST_LIMITS,
  postLimitIssues,
  verifyFingerprint,
} from '@qenta-seamless/server-helpers/protocol';
import type { Merchant } from '../context.ts';
import { type CatalogParameter, gatewayError, parameterError } from '../error-catalog.ts';
import { HttpError, readForm, sendForm, sendText } from '../http.ts';
import type { ApiContext } from './api-context.ts';

/** A handler's verdict: the answer fields, or errors (the error block is added for them). */
export type GatewayAnswer =
  | { ok: true; fields: Record<string, string | undefined>; journal?: Record<string, unknown> }
  | {
      ok: false;
      errors: GatewayErrorDetail[];
      /** Extra fields sent with the error block (backend: `status`). */
      fields?: Record<string, string>;
      journal?: Record<string, unknown>;
    };

/** What a handler receives: canonical field names, and the language for messages. */
export interface GatewayInput {
  fields: FormFields;
  language: string;
  /** Number of name=value pairs in the body (bounds a request-supplied fingerprint order). */
  count: number;
}

/**
 * A fingerprint order for {@link authenticate}: the names, or the parameter to call invalid when
 * a request-supplied order was refused before any message was built (issue 10: a repeated name
 * multiplies the body's size in the message).
 */
export type SignedOrder = readonly string[] | { refused: CatalogParameter };

/**
 * Runs one gateway POST: transport checks, limits, canonical names, the handler, the answer and
 * the journal line. Never throws: a handler failure is a 500 without details.
 *
 * @example
 * ```ts
 * await runGatewayRequest(ctx, request, response, {
 *   name: 'dataStorage/read', canonicalNames: READ_NAMES, handle: (input) => readStorage(ctx, input),
 * });
 * ```
 */
export async function runGatewayRequest(
  ctx: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
  endpoint: {
    name: string;
    canonicalNames: readonly string[];
    handle(input: GatewayInput): GatewayAnswer | Promise<GatewayAnswer>;
    /** Extra answer fields on errors too (backend: status=1 for parameter errors). */
    errorFields?: Record<string, string>;
  },
): Promise<void> {
  let language = 'en';
  try {
    const form = await readForm(request, {
      maxBytes: ctx.maxBodyBytes,
      maxParameters: POST_LIMITS.maxParameters,
    });
    const fields = canonicalize(form.fields, endpoint.canonicalNames);
    language = messageLanguage(fields.language);
    let answer: GatewayAnswer;
    if (postLimitIssues(form.fields, form.count).length > 0) {
      answer = { ok: false, errors: [gatewayError('15626', language)] };
    } else if (form.duplicateKeys.length > 0) {
      // A repeated name makes "the" value ambiguous for the fingerprint: refuse it.
      answer = { ok: false, errors: [gatewayError('18626', language)] };
    } else {
      answer = await endpoint.handle({ fields, language, count: form.count });
    }
    const journalBase = {
      endpoint: endpoint.name,
      customerId: fields.customerId,
      shopId: fields.shopId,
    };
    if (answer.ok) {
      sendForm(response, answer.fields);
      ctx.journal.record({
        kind: 'request',
        summary: `POST ${endpoint.name}: OK`,
        details: { ...journalBase, ...answer.journal },
      });
    } else {
      sendForm(response, {
        ...endpoint.errorFields,
        ...answer.fields,
        ...errorBlockFields(answer.errors),
      });
      ctx.journal.record({
        kind: 'request',
        summary: `POST ${endpoint.name}: error ${answer.errors.map((e) => e.errorCode).join(', ')}`,
        details: {
          ...journalBase,
          ...answer.journal,
          errors: answer.errors.map((e) => `${e.errorCode} ${e.message}`),
        },
      });
    }
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500;
    const text = error instanceof HttpError ? error.message : 'Internal emulator error';
    sendText(response, status, text, status === 413 ? { connection: 'close' } : {});
    ctx.journal.record({
      kind: 'request',
      summary: `POST ${endpoint.name}: HTTP ${status}`,
      details: { endpoint: endpoint.name, status, reason: text },
    });
  }
}

/**
 * Maps each received name that matches a canonical name case-insensitively to the canonical
 * spelling (§11.1); other names stay as sent. When both spellings arrive, the exact one wins.
 *
 * @example
 * ```ts
 * canonicalize({ customerid: 'D200001' }, ['customerId']); // { customerId: 'D200001' }
 * ```
 */
export function canonicalize(fields: Readonly<FormFields>, names: readonly string[]): FormFields {
  const byLower = new Map(names.map((name) => [name.toLowerCase(), name]));
  const result: FormFields = {};
  for (const [name, value] of Object.entries(fields)) {
    const canonical = byLower.get(name.toLowerCase()) ?? name;
    if (canonical !== name && Object.hasOwn(fields, canonical)) continue;
    result[canonical] = value;
  }
  return result;
}

/**
 * The language for error texts: the request's own when it is two letters, else English.
 *
 * @example
 * ```ts
 * messageLanguage('DE'); // 'de'
 * ```
 */
export function messageLanguage(language: string | undefined): string {
  return language !== undefined && /^[A-Za-z]{2}$/.test(language) ? language.toLowerCase() : 'en';
}

/** The merchant a request authenticated as, or the errors that stop it. */
export type AuthResult =
  | { ok: true; merchant: Merchant; shopId: string }
  | { ok: false; errors: GatewayErrorDetail[] };

/**
 * §11.3: customerId, shop and request fingerprint first, before any other validation. A
 * wrong fingerprint answers 18506 "REQUESTFINGERPRINT is invalid." (design.md "Decisions");
 * nothing in the answer tells which part was wrong beyond that. A refused order (see
 * {@link SignedOrder}) is answered in the fingerprint's place, after the merchant is known.
 *
 * @example
 * ```ts
 * const auth = authenticate(ctx, input, DATA_STORAGE_INIT_ORDER);
 * if (!auth.ok) return { ok: false, errors: auth.errors };
 * ```
 */
export function authenticate(ctx: ApiContext, input: GatewayInput, order: SignedOrder): AuthResult {
  const { fields, language } = input;
  const fail = (kind: 'missing' | 'invalid', parameter: CatalogParameter): AuthResult => ({
    ok: false,
    errors: [parameterError(kind, parameter, language)],
  });
  const customerId = fields.customerId;
  if (customerId === undefined || customerId === '') return fail('missing', 'customerId');
  if (ctx.merchants.byCustomer(customerId) === undefined) return fail('invalid', 'customerId');
  const shopId = fields.shopId ?? '';
  const merchant = ctx.merchants.byShop(customerId, shopId);
  if (merchant === undefined) return fail('invalid', 'shopId');
  const fingerprint = fields.requestFingerprint;
  if (fingerprint === undefined || fingerprint === '') return fail('missing', 'requestFingerprint');
  if ('refused' in order) return fail('invalid', order.refused);
  const valid = verifyFingerprint(fields, order, merchant.secret, fingerprint, {
    algorithm: merchant.algorithm,
  });
  if (!valid) return fail('invalid', 'requestFingerprint');
  return { ok: true, merchant, shopId };
}
