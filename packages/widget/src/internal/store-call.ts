/**
 * Calls a `store…` method of the gateway data storage (qenta-protocol §6.2) and turns its callback
 * (§6.4: `getStatus()`, `getErrors()`, `getAnonymizedPaymentInformation()`) into a promise with a
 * time-out.
 */
import type { StoreErrorDetail } from './gateway-errors.ts';
import type { GatewayDataStorage } from './loader.ts';

/** The outcome of one store call. */
export type StoreOutcome =
  | { ok: true; anonymized: Record<string, string> }
  | { ok: false; errors: StoreErrorDetail[]; gone: boolean }
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
    // The error mapping is only needed when something failed: it is loaded then (size budget).
    const fail = (raw: unknown) => {
      clearTimeout(timer);
      void import('./gateway-errors.ts').then(({ isStorageGone, toStoreErrors }) => {
        const errors = toStoreErrors(raw);
        resolve({ ok: false, errors, gone: errors.some((e) => isStorageGone(e.errorCode)) });
      });
    };
    const callback = (response: CallbackResponse) => {
      clearTimeout(timer);
      if (Number(response?.getStatus?.()) !== 0) {
        const errors = response?.getErrors?.();
        return fail(
          errors && Object.keys(errors).length > 0 ? errors : [{ message: 'Store failed.' }],
        );
      }
      // Only strings reach the form value and events.
      const anonymized: Record<string, string> = {};
      for (const [key, value] of Object.entries(
        response.getAnonymizedPaymentInformation?.() ?? {},
      )) {
        if (value != null) anonymized[key] = String(value);
      }
      resolve({ ok: true, anonymized });
    };
    const method = options.storage[options.method];
    if (typeof method !== 'function') return fail([{ message: options.method }]);
    try {
      method.call(options.storage, options.paymentInformation, callback);
    } catch {
      fail([{ message: 'Script error.' }]);
    }
  });
}
