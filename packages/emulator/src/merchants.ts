/**
 * The merchant accounts the emulator accepts: the demo and test accounts of qenta-protocol §8,
 * plus any the caller adds with their own secret and fingerprint algorithm (§2.1 item 7).
 */
import { QentaError } from '@qenta-seamless/server-helpers';
import type { FingerprintAlgorithm } from '@qenta-seamless/server-helpers/protocol';
import type { Merchant } from './context.ts';

/** The currencies the docs list (§10); the demo account accepts all of them. */
export const DOCUMENTED_CURRENCIES = ['CHF', 'CZK', 'EUR', 'GBP', 'HUF', 'PLN', 'USD'] as const;

/**
 * The public demo account (§8): `D200001`, shops `qmore`, `seamless`, `demoshopwcs` and none.
 *
 * @example
 * ```ts
 * DEMO_MERCHANT.customerId; // 'D200001'
 * ```
 */
export const DEMO_MERCHANT: Merchant = Object.freeze({
  customerId: 'D200001',
  // '' = no shopId sent (the official library sends `shopId=` when none is configured, §2.2).
  shopIds: Object.freeze(['qmore', 'seamless', 'demoshopwcs', '']),
  secret: 'B8AKTPWBRMNBV455FG6M2DANE99WU2',
  backendPassword: 'jcv45z',
  algorithm: 'hmac-sha512',
  // The official library's tests refund in USD against the demo account (§9.2 D5).
  currencies: Object.freeze([...DOCUMENTED_CURRENCIES]),
});

/**
 * The public test accounts of §8. D200411 has two shops with different secrets, which one
 * `Merchant` cannot express, so the 3-D Secure shop is its own entry keyed `D200411` +
 * `seamless3D` (see {@link createMerchantRegistry}).
 *
 * @example
 * ```ts
 * TEST_MERCHANTS.map((m) => m.customerId); // ['D200411', 'D200411', 'D200410']
 * ```
 */
export const TEST_MERCHANTS: readonly Merchant[] = Object.freeze([
  Object.freeze({
    customerId: 'D200411',
    shopIds: Object.freeze(['seamless']),
    secret: 'CHCSH7UGHVVX2P7EHDHSY4T2S4CGYK4QBE4M5YUUG2ND5BEZWNRZW5EJYVJQ',
    backendPassword: '2g4f9q2m',
    algorithm: 'hmac-sha512' as const,
    currencies: Object.freeze([...DOCUMENTED_CURRENCIES]),
  }),
  Object.freeze({
    customerId: 'D200411',
    shopIds: Object.freeze(['seamless3D']),
    secret: 'DP4TMTPQQWFJW34647RM798E9A5X7E8ATP462Z4VGZK53YEJ3JWXS98B9P4F',
    backendPassword: '2g4f9q2m',
    algorithm: 'hmac-sha512' as const,
    currencies: Object.freeze([...DOCUMENTED_CURRENCIES]),
  }),
  Object.freeze({
    customerId: 'D200410',
    shopIds: Object.freeze(['seamless', 'page']),
    secret: 'UVNWUCQ7AGE9F5837YW53JBWDP77PWDHS2DMC3TMJ8VYB42G2WM4FWYTK5Z9',
    backendPassword: '9p3a0m5f',
    algorithm: 'hmac-sha512' as const,
    currencies: Object.freeze([...DOCUMENTED_CURRENCIES]),
  }),
]);

/** A merchant to add: only id and secret are required. */
export interface MerchantInput {
  customerId: string;
  secret: string;
  /** Defaults to `['']` (requests without shopId). */
  shopIds?: readonly string[];
  /** Defaults to a password nobody can guess from the docs: set one to use the backend. */
  backendPassword?: string;
  /** Defaults to `hmac-sha512`; `sha512` is the legacy plain digest (§2.1). */
  algorithm?: FingerprintAlgorithm;
  /** Defaults to `['EUR']` ("by default only EUR is enabled", §10). */
  currencies?: readonly string[];
}

/** Looks merchants up by customerId and shopId. */
export interface MerchantRegistry {
  /** The first merchant with this customerId (for callers that know no shopId). */
  byCustomer(customerId: string): Merchant | undefined;
  /** The merchant serving this customerId + shopId ('' = none), if any. */
  byShop(customerId: string, shopId: string): Merchant | undefined;
  all(): readonly Merchant[];
}

/**
 * Builds the registry: the demo and test accounts (unless `includeDefaults` is false), then the
 * given merchants, which win over a default with the same customerId and shopId.
 *
 * @example
 * ```ts
 * const registry = createMerchantRegistry({
 *   merchants: [{ customerId: 'D299999', secret: 'S3CR3T', algorithm: 'sha512' }],
 * });
 * registry.byShop('D299999', '')?.algorithm; // 'sha512'
 * ```
 */
export function createMerchantRegistry(
  options: { merchants?: readonly MerchantInput[]; includeDefaults?: boolean } = {},
): MerchantRegistry {
  const custom = (options.merchants ?? []).map((input, index) => toMerchant(input, index));
  const defaults = options.includeDefaults === false ? [] : [DEMO_MERCHANT, ...TEST_MERCHANTS];
  const merchants = [...custom, ...defaults];
  return {
    byCustomer: (customerId) => merchants.find((m) => m.customerId === customerId),
    byShop: (customerId, shopId) =>
      merchants.find((m) => m.customerId === customerId && m.shopIds.includes(shopId)),
    all: () => merchants,
  };
}

function toMerchant(input: MerchantInput, index: number): Merchant {
  const invalid = (path: string, message: string) =>
    new QentaError('INVALID_INPUT', `createEmulator: merchants.${index}.${path} ${message}`, {
      issues: [{ path: `merchants.${index}.${path}`, message }],
    });
  if (!/^[A-Za-z0-9]{7}$/.test(input.customerId)) {
    throw invalid('customerId', 'must be 7 letters or digits (qenta-protocol §10)');
  }
  if (typeof input.secret !== 'string' || input.secret === '') {
    throw invalid('secret', 'must not be empty');
  }
  if (input.algorithm !== undefined && !['hmac-sha512', 'sha512'].includes(input.algorithm)) {
    throw invalid('algorithm', "must be 'hmac-sha512' or 'sha512'");
  }
  for (const shopId of input.shopIds ?? []) {
    if (!/^[A-Za-z0-9]{0,16}$/.test(shopId)) {
      throw invalid('shopIds', 'must be up to 16 letters or digits each');
    }
  }
  return Object.freeze({
    customerId: input.customerId,
    shopIds: Object.freeze([...(input.shopIds ?? [''])]),
    secret: input.secret,
    backendPassword: input.backendPassword ?? cryptoRandomPassword(),
    algorithm: input.algorithm ?? 'hmac-sha512',
    currencies: Object.freeze((input.currencies ?? ['EUR']).map((c) => c.toUpperCase())),
  });
}

function cryptoRandomPassword(): string {
  return globalThis.crypto.randomUUID();
}
