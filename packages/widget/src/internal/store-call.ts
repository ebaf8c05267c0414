/**
 * Calls a `store…` method of the gateway data storage (qenta-protocol §6.2) and turns its callback
 * (§6.4: `getStatus()`, `getErrors()`, `getAnonymizedPaymentInformation()`) into a promise with a
 * time-out.
 */
import { type StoreErrorDetail, toStoreErrors } from './gateway-errors.ts';
import type { GatewayDataStorage } from './loader.ts';

/** The outcome of one store call. */
export type StoreOutcome =
  | { ok: true; anonymized: Record<string, string> }
  | { ok: false; errors: StoreErrorDetail[] }
  | { ok: false; timeout: true };

interface CallbackResponse {
  getStatus?: () => unknown;
  getErrors?: () => unknown;
  getAnonymizedPaymentInformation?: () => unknown;
}

/**
 * Runs `storage[method](paymentInformation, callback)`; `paymentInformation` is `null` in pci3
 * mode, where the gateway iframe holds the data (§6.5).
 *
 * @example
 * ```ts
 * const outcome = await callStore({ storage, method: 'storeCreditCardInformation', paymentInformation: null, timeout: 15_000 });
 * ```
 */
export function callStore(options: {
  storage: GatewayDataStorage;
  method: string;
  paymentInformation: Record<string, string> | null;
  timeout: number;
}): Promise<StoreOutcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, timeout: true }), options.timeout);
    const fail = (message: string) => {
      clearTimeout(timer);
      resolve({ ok: false, errors: toStoreErrors([{ errorCode: '', message }]) });
    };
    const callback = (response: CallbackResponse) => {
      clearTimeout(timer);
      const status = Number(response?.getStatus?.());
      if (status === 0) {
        const anonymized = response.getAnonymizedPaymentInformation?.() ?? {};
        const flat: Record<string, string> = {};
        for (const [key, value] of Object.entries(anonymized as Record<string, unknown>)) {
          if (value !== undefined && value !== null) flat[key] = String(value);
        }
        resolve({ ok: true, anonymized: flat });
        return;
      }
      const errors = toStoreErrors(response?.getErrors?.());
      if (errors.length > 0) resolve({ ok: false, errors });
      else fail('Store failed.');
    };
    const method = options.storage[options.method];
    if (typeof method !== 'function') return fail(options.method);
    try {
      method.call(options.storage, options.paymentInformation, callback);
    } catch {
      fail('Script error.');
    }
  });
}
