/**
 * The one error class of server-helpers. Every failure a caller can see is a `QentaError` with a
 * stable `code`; messages name the field at fault but never carry a secret, a password, a
 * fingerprint or a raw request/callback body (design.md, "Decisions").
 */

/** Every code a `QentaError` can carry. Closed: callers may switch on it exhaustively. */
export const QENTA_ERROR_CODES = [
  'INVALID_INPUT',
  'LIMIT_EXCEEDED',
  'GATEWAY_ERROR',
  'HTTP_ERROR',
  'NETWORK_ERROR',
  'TIMEOUT',
  'INVALID_RESPONSE',
  'INVALID_CONFIRMATION',
  'FINGERPRINT_MISSING',
  'FINGERPRINT_ORDER_INCOMPLETE',
  'FINGERPRINT_MISMATCH',
  'FINGERPRINT_ORDER_INVALID',
  'INVALID_FIELD_FORMAT',
] as const;

/** A stable error code; see {@link QENTA_ERROR_CODES}. */
export type QentaErrorCode = (typeof QENTA_ERROR_CODES)[number];

/** One entry of the gateway's error block (qenta-protocol §4.2). */
export interface GatewayErrorDetail {
  /** Five-digit code, e.g. `11017` (base + parameter number). */
  errorCode: string;
  /** English text for the developer. */
  message: string;
  /** Text for the consumer, localised per `language`; may contain HTML numeric entities. */
  consumerMessage: string;
  /** Payment-system specific text, when the gateway sends one. */
  paySysMessage?: string;
  /** Acquirer or issuer text, when the gateway sends one. */
  providerMessage?: string;
}

/** One problem found while validating input: where it is and what is wrong, never the value. */
export interface InputIssue {
  /** Dotted path of the offending field, e.g. `basket.items.0.quantity`. */
  path: string;
  message: string;
}

/** Optional details a `QentaError` may carry, depending on its code. */
export interface QentaErrorDetails {
  cause?: unknown;
  /** `INVALID_INPUT`, `LIMIT_EXCEEDED`: what was wrong, per field. */
  issues?: readonly InputIssue[];
  /** `GATEWAY_ERROR`: the gateway's error block. */
  gatewayErrors?: readonly GatewayErrorDetail[];
  /** `GATEWAY_ERROR` from a backend operation: the `status` the gateway answered (§4.3). */
  backendStatus?: number;
  /** `HTTP_ERROR`: the HTTP status code. */
  httpStatus?: number;
}

/**
 * The error thrown by every function of server-helpers.
 *
 * @example
 * ```ts
 * try {
 *   await client.payment.start(order);
 * } catch (error) {
 *   if (isQentaError(error) && error.code === 'GATEWAY_ERROR') {
 *     showToConsumer(error.gatewayErrors.map((e) => e.consumerMessage));
 *   } else throw error;
 * }
 * ```
 */
export class QentaError extends Error {
  override readonly name = 'QentaError';
  readonly code: QentaErrorCode;
  readonly issues: readonly InputIssue[];
  readonly gatewayErrors: readonly GatewayErrorDetail[];
  readonly backendStatus: number | undefined;
  readonly httpStatus: number | undefined;

  constructor(code: QentaErrorCode, message: string, details: QentaErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.issues = details.issues ?? [];
    this.gatewayErrors = details.gatewayErrors ?? [];
    this.backendStatus = details.backendStatus;
    this.httpStatus = details.httpStatus;
  }

  /** A plain, loggable view: code, message and details; never the `cause` chain. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.issues.length > 0 && { issues: this.issues }),
      ...(this.gatewayErrors.length > 0 && { gatewayErrors: this.gatewayErrors }),
      ...(this.backendStatus !== undefined && { backendStatus: this.backendStatus }),
      ...(this.httpStatus !== undefined && { httpStatus: this.httpStatus }),
    };
  }
}

/**
 * Type guard for {@link QentaError}, optionally for one code.
 *
 * @example
 * ```ts
 * if (isQentaError(error, 'TIMEOUT')) retryLater();
 * ```
 */
export function isQentaError(error: unknown, code?: QentaErrorCode): error is QentaError {
  return error instanceof QentaError && (code === undefined || error.code === code);
}
