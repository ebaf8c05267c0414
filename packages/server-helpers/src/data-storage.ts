/**
 * Data storage init and read (qenta-protocol §3.1, §3.2): the server half of collecting card or
 * account data in the browser without it touching the shop.
 */
import type { z } from 'zod';
import { QentaError } from './errors.ts';

import { DATA_STORAGE_INIT_ORDER, DATA_STORAGE_READ_ORDER } from './fingerprint-orders.ts';
import { type FormFields, fieldValue, indexedRecords } from './form.ts';
import { dataStorageInitSchema, dataStorageReadSchema, parseInput } from './schemas.ts';
import { type MerchantContext, sendSigned } from './transport.ts';

/** Input of `dataStorage.init` (§3.1). Booleans are sent as `true` / `false`. */
export type DataStorageInitInput = z.input<typeof dataStorageInitSchema>;

/** Input of `dataStorage.read` (§3.2). */
export type DataStorageReadInput = z.input<typeof dataStorageReadSchema>;

/** What `dataStorage.init` answers. */
export interface DataStorageInitResult {
  /** 32 characters; pass it (with the same `orderIdent`) to `payment.start`. */
  storageId: string;
  /** The gateway script the browser loads for this storage. */
  javascriptUrl: string;
}

/** What `dataStorage.read` answers. */
export interface DataStorageReadResult {
  storageId: string;
  javascriptUrl?: string;
  /** One record per stored payment method, anonymised (`maskedPan`, `expiry`, …; §6.4). */
  paymentInformation: FormFields[];
}

/** The `dataStorage` part of the client. */
export interface DataStorageApi {
  /**
   * Creates a data storage for one checkout (§3.1).
   *
   * @example
   * ```ts
   * const { storageId, javascriptUrl } = await client.dataStorage.init({
   *   orderIdent: 'a1b2c3', returnUrl: 'https://shop.example/qenta/fallback', language: 'en',
   * });
   * ```
   */
  init(input: DataStorageInitInput): Promise<DataStorageInitResult>;
  /**
   * Reads what the browser stored, anonymised, and extends the storage's life (§3.2).
   *
   * @example
   * ```ts
   * const { paymentInformation } = await client.dataStorage.read({ storageId });
   * ```
   */
  read(input: DataStorageReadInput): Promise<DataStorageReadResult>;
}

const CREDITCARD_FLAGS = [
  'creditcardShowIssueDateField',
  'creditcardShowIssueNumberField',
  'creditcardShowCardholderNameField',
  'creditcardShowCvcField',
  'creditcardShowExpirationDatePlaceholder',
  'creditcardShowIssueDatePlaceholder',
] as const;

const CREDITCARD_TEXTS = [
  'creditcardPanPlaceholder',
  'creditcardCvcPlaceholder',
  'creditcardCardholderNamePlaceholder',
  'creditcardIssueNumberPlaceholder',
] as const;

/**
 * Builds the `dataStorage` operations over a merchant context.
 *
 * @example
 * ```ts
 * const dataStorage = createDataStorageApi(context);
 * ```
 */
export function createDataStorageApi(context: MerchantContext): DataStorageApi {
  return {
    async init(raw) {
      const input = parseInput(dataStorageInitSchema, raw, 'dataStorage.init');
      const fields: Record<string, string | undefined> = {
        customerId: context.customerId,
        shopId: context.shopId,
        orderIdent: input.orderIdent,
        returnUrl: input.returnUrl,
        language: input.language,
        javascriptScriptVersion: input.javascriptScriptVersion,
        // §2.2: the styling options below are not part of the fingerprint.
        iframeCssUrl: input.iframeCssUrl,
      };
      for (const flag of CREDITCARD_FLAGS) {
        const value = input[flag];
        if (value !== undefined) fields[flag] = String(value);
      }
      for (const text of CREDITCARD_TEXTS) fields[text] = input[text];
      const answer = await sendSigned(context, {
        path: '/dataStorage/init',
        operation: 'dataStorage.init',
        fields,
        order: DATA_STORAGE_INIT_ORDER,
        readOnly: false,
      });
      const storageId = fieldValue(answer, 'storageId') ?? fieldValue(answer, 'storeId');
      const javascriptUrl = fieldValue(answer, 'javascriptUrl');
      if (!storageId || !javascriptUrl) {
        throw new QentaError(
          'INVALID_RESPONSE',
          'dataStorage.init: the answer lacks storageId or javascriptUrl',
        );
      }
      return { storageId, javascriptUrl };
    },

    async read(raw) {
      const input = parseInput(dataStorageReadSchema, raw, 'dataStorage.read');
      const fields: Record<string, string | undefined> = {
        customerId: context.customerId,
        shopId: context.shopId,
        storageId: input.storageId,
      };
      const answer = await sendSigned(context, {
        path: '/dataStorage/read',
        operation: 'dataStorage.read',
        fields,
        order: DATA_STORAGE_READ_ORDER,
        readOnly: true,
      });
      const storageId = fieldValue(answer, 'storageId');
      if (!storageId) {
        throw new QentaError('INVALID_RESPONSE', 'dataStorage.read: the answer lacks storageId');
      }
      const javascriptUrl = fieldValue(answer, 'javascriptUrl');
      return {
        storageId,
        ...(javascriptUrl !== undefined && { javascriptUrl }),
        paymentInformation: indexedRecords(answer, 'paymentInformation'),
      };
    },
  };
}
