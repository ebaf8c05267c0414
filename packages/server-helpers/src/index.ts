/**
 * `@qenta-seamless/server-helpers`: the server side of QENTA QMORE Checkout Seamless.
 */
export {
  type BackendAck,
  type BackendApi,
  type BackendInput,
  type CreditResult,
  type DepositResult,
  type FinancialInstitution,
  type FinancialInstitutionsResult,
  type OrderCredit,
  type OrderDetails,
  type OrderDetailsResult,
  type OrderNumberResult,
  type OrderPayment,
  parseOrderDetails,
} from './backend.ts';
export { type BasketItem, basketFields } from './basket.ts';
export {
  createQentaClient,
  DEFAULT_BASE_URL,
  type QentaClient,
  type QentaClientOptions,
} from './client.ts';
export {
  type ConfirmationRejection,
  type ConfirmHandler,
  type ConfirmHandlerOptions,
  createConfirmHandler,
  type NodeListener,
  toNodeListener,
} from './confirm-handler.ts';
export {
  type CancelConfirmation,
  type Confirmation,
  type ConfirmationBody,
  type FailureConfirmation,
  REQUIRED_SIGNED_FIELDS,
  type VerifiedConfirmation,
  type VerifyConfirmationOptions,
  verifyConfirmation,
} from './confirmation.ts';
export {
  type ConfirmationAnswer,
  confirmationResponse,
  parseConfirmationResponse,
} from './confirmation-response.ts';
export type {
  DataStorageApi,
  DataStorageInitInput,
  DataStorageInitResult,
  DataStorageReadInput,
  DataStorageReadResult,
} from './data-storage.ts';
export {
  type GatewayErrorDetail,
  type InputIssue,
  isQentaError,
  QENTA_ERROR_CODES,
  QentaError,
  type QentaErrorCode,
  type QentaErrorDetails,
} from './errors.ts';
export {
  computeFingerprint,
  type FingerprintAlgorithm,
  type FingerprintOptions,
  verifyFingerprint,
} from './fingerprint.ts';
export { decodeForm, encodeForm, type FormFields } from './form.ts';
export {
  type PaymentApi,
  type PaymentStartInput,
  type PaymentStartResult,
  paymentFields,
  signPaymentFields,
} from './payment.ts';
export { currencyDecimals, customParameterProblem, formatAmount } from './schemas.ts';
