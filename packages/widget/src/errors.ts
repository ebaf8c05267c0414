import type { StoreErrorDetail } from './internal/gateway-errors.ts';

/**
 * Stable codes of the element's errors (`store()` rejections and `qenta-error` events).
 * - `invalid-input`: the client-side checks failed; nothing was sent.
 * - `gateway-rejected`: the gateway's store callback returned errors (see `errors`).
 * - `storage-expired`: the data storage was gone and a fresh one could not be obtained.
 * - `not-ready`: the gateway script is not loaded (loading or load error).
 * - `timeout`: the gateway did not answer the store call in time.
 */
export type PaymentFormErrorCode =
  | 'invalid-input'
  | 'gateway-rejected'
  | 'storage-expired'
  | 'not-ready'
  | 'timeout';

/**
 * The one error class of the element. It never carries card data: only a code, a fixed message
 * and the gateway's error details.
 *
 * @example
 * ```ts
 * try { await form.store(); } catch (error) { if (isPaymentFormError(error)) console.log(error.code); }
 * ```
 */
export class PaymentFormError extends Error {
  readonly code: PaymentFormErrorCode;
  /** The gateway's errors (`gateway-rejected`), consumer messages decoded to text. */
  readonly errors: readonly StoreErrorDetail[];
  constructor(
    code: PaymentFormErrorCode,
    message: string,
    errors: readonly StoreErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'PaymentFormError';
    this.code = code;
    this.errors = errors;
  }
}

/**
 * Type guard for {@link PaymentFormError}.
 *
 * @example
 * ```ts
 * if (isPaymentFormError(error) && error.code === 'gateway-rejected') showErrors(error.errors);
 * ```
 */
export function isPaymentFormError(value: unknown): value is PaymentFormError {
  return value instanceof PaymentFormError;
}
