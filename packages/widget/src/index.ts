/**
 * `@qenta-seamless/widget`: the `<qenta-payment-form>` class, its events, error and strings.
 * Importing this module defines nothing; import `@qenta-seamless/widget/define` to register the
 * element.
 */
export { isPaymentFormError, PaymentFormError, type PaymentFormErrorCode } from './errors.ts';
export {
  QentaErrorEvent,
  QentaLoadErrorEvent,
  QentaReadyEvent,
  QentaStoredEvent,
} from './events.ts';
export type { StoreErrorDetail } from './internal/gateway-errors.ts';
export type { LoadFailure } from './internal/loader.ts';
export { en, type Strings } from './locales/en.ts';
export { QentaPaymentForm, type ReadyState } from './payment-form/payment-form.ts';
