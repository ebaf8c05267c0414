/**
 * What the element does with an error the gateway's store callback returns (qenta-protocol §4.2,
 * §6.4): which field it belongs to, and whether the data storage is no longer usable (expired
 * after 30 minutes, or consumed by a frontend init, §10) so the element must re-init. This is the
 * one place that maps gateway codes to element behaviour.
 */
import { decodeEntities } from './entities.ts';

/** One error as the element reports it (`consumerMessage` already decoded to text). */
export interface StoreErrorDetail {
  errorCode: string;
  message: string;
  consumerMessage: string;
  /** The element's field the message is shown at, if it belongs to one. */
  field?: string;
}

// Parameter numbers (code = base + number, §4.2). 302 (STORAGEID) is documented; the payment-data
// numbers are the emulator's (packages/emulator/src/browser/store-errors.ts), the real gateway's
// are undocumented, so an unknown number shows the message at the form instead of a field.
const FIELD_BY_NUMBER: Readonly<Record<number, string>> = {
  521: 'pan',
  522: 'expiry',
  523: 'cardverifycode',
  524: 'cardholdername',
  530: 'accountOwner',
  531: 'bankAccountIban',
  532: 'bankBic',
  540: 'payerPayboxNumber',
  541: 'bankAccount',
  542: 'bankNumber',
  543: 'voucherId',
};

/** 20004 "Your credit card has expired." belongs at the expiry fields. */
const FIELD_BY_CODE: Readonly<Record<string, string>> = { '20004': 'expiry' };

/** The STORAGEID parameter number: any base on it means the storage is gone (§3.2, §10). */
const STORAGE_ID_NUMBER = 302;

/**
 * True when the error says the data storage is unknown, expired or already used, so a fresh
 * data storage init is needed.
 *
 * @example
 * ```ts
 * isStorageGone('18302'); // true
 * ```
 */
export function isStorageGone(errorCode: string): boolean {
  const code = Number(errorCode);
  return code >= 11000 && code < 20000 && code % 1000 === STORAGE_ID_NUMBER;
}

/**
 * Normalises the callback's error list (array, `for…in` object, or undefined per §6.4).
 *
 * @example
 * ```ts
 * toStoreErrors([{ errorCode: '18521', message: 'PAN is invalid.', consumerMessage: 'Karte ung&#252;ltig' }]);
 * // [{ errorCode: '18521', ..., consumerMessage: 'Karte ungültig', field: 'pan' }]
 * ```
 */
export function toStoreErrors(raw: unknown): StoreErrorDetail[] {
  if (!raw || typeof raw !== 'object') return [];
  const list = Array.isArray(raw) ? raw : Object.values(raw);
  return list.map((item: Record<string, unknown>) => {
    const errorCode = String(item?.errorCode ?? '');
    const field = FIELD_BY_CODE[errorCode] ?? FIELD_BY_NUMBER[Number(errorCode) % 1000];
    return {
      errorCode,
      message: String(item?.message ?? ''),
      consumerMessage: decodeEntities(String(item?.consumerMessage ?? item?.message ?? '')),
      ...(field ? { field } : {}),
    };
  });
}
