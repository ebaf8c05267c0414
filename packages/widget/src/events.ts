/**
 * The element's events: `Event` subclasses that bubble and cross shadow roots, typed through
 * `GlobalEventHandlersEventMap`. None carries card data: only anonymised data and codes.
 */
import type { PaymentFormErrorCode } from './errors.ts';
import type { StoreErrorDetail } from './internal/gateway-errors.ts';
import type { LoadFailure } from './internal/loader.ts';

const INIT = { bubbles: true, composed: true } as const;

/**
 * The gateway script is loaded and the fields accept input.
 *
 * @example
 * ```ts
 * form.addEventListener('qenta-ready', () => submitButton.removeAttribute('disabled'));
 * ```
 */
export class QentaReadyEvent extends Event {
  constructor() {
    super('qenta-ready', INIT);
  }
}

/**
 * The payment data is stored at the gateway; `anonymized` is what the gateway returned
 * (e.g. `maskedPan`, `brand`, `expiry`, qenta-protocol §6.4).
 *
 * @example
 * ```ts
 * form.addEventListener('qenta-stored', (event) => console.log(event.anonymized.maskedPan));
 * ```
 */
export class QentaStoredEvent extends Event {
  readonly paymentType: string;
  readonly storageId: string;
  readonly anonymized: Readonly<Record<string, string>>;
  constructor(detail: {
    paymentType: string;
    storageId: string;
    anonymized: Record<string, string>;
  }) {
    super('qenta-stored', INIT);
    this.paymentType = detail.paymentType;
    this.storageId = detail.storageId;
    this.anonymized = detail.anonymized;
  }
}

/**
 * Storing failed: `code` is stable, `errors` holds the gateway's messages (decoded to text).
 *
 * @example
 * ```ts
 * form.addEventListener('qenta-error', (event) => log(event.code, event.errors.map((e) => e.errorCode)));
 * ```
 */
export class QentaErrorEvent extends Event {
  readonly code: PaymentFormErrorCode;
  readonly errors: readonly StoreErrorDetail[];
  constructor(detail: { code: PaymentFormErrorCode; errors?: readonly StoreErrorDetail[] }) {
    super('qenta-error', INIT);
    this.code = detail.code;
    this.errors = detail.errors ?? [];
  }
}

/**
 * The gateway script (or the shop's init endpoint) could not be loaded; `retry()` tries again.
 *
 * @example
 * ```ts
 * form.addEventListener('qenta-load-error', (event) => { if (event.reason === 'timeout') event.retry(); });
 * ```
 */
export class QentaLoadErrorEvent extends Event {
  readonly reason: LoadFailure;
  readonly retry: () => void;
  constructor(detail: { reason: LoadFailure; retry: () => void }) {
    super('qenta-load-error', INIT);
    this.reason = detail.reason;
    this.retry = detail.retry;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'qenta-ready': QentaReadyEvent;
    'qenta-stored': QentaStoredEvent;
    'qenta-error': QentaErrorEvent;
    'qenta-load-error': QentaLoadErrorEvent;
  }
}
