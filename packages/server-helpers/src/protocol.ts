/**
 * `@qenta-seamless/server-helpers/protocol`: the wire-level primitives (form codec, fingerprints,
 * fixed orders, error block, limits, confirmation answers). The client and the emulator share
 * them, so the wire format is defined once.
 */
export {
  type ConfirmationAnswer,
  confirmationResponse,
  parseConfirmationResponse,
} from './confirmation-response.ts';
export { errorBlockFields, parseErrorBlock } from './error-block.ts';
export type { GatewayErrorDetail } from './errors.ts';
export {
  checkFingerprintOrder,
  computeFingerprint,
  digestMessage,
  type FingerprintAlgorithm,
  type FingerprintOptions,
  type FingerprintOrderCheck,
  type FingerprintOrderProblem,
  fingerprintMessage,
  parseFingerprintOrder,
  SECRET_NAME,
  verifyFingerprint,
} from './fingerprint.ts';
export {
  BACKEND_OPERATIONS,
  BACKEND_ORDER_PREFIX,
  BASKET_ITEM_FIELDS,
  type BackendOperation,
  backendFingerprintOrder,
  backendOperationFromPath,
  basketFingerprintOrder,
  DATA_STORAGE_INIT_ORDER,
  DATA_STORAGE_READ_ORDER,
  FUND_TRANSFER_TYPE_FIELDS,
  FUND_TRANSFER_TYPES,
  type FundTransferType,
} from './fingerprint-orders.ts';
export {
  type DecodedForm,
  decodeForm,
  encodeForm,
  type FormFields,
  fieldValue,
  indexedFields,
  indexedRecords,
} from './form.ts';
export { canonicalBasketName, FRONTEND_INIT_NAMES } from './frontend-init-names.ts';
export { isHttpUrl } from './http-url.ts';
export { GET_LIMITS, POST_LIMITS, postLimitIssues } from './limits.ts';
