/**
 * Data storages (qenta-protocol §3.1, §10, §11.5): 32-hex ids, valid 30 minutes after the last
 * access (init, store, read), invalid after a successful frontend init. Count and estimated
 * bytes are capped so an endless stream of inits cannot grow memory without bound: past a cap
 * the least recently used storage goes, live or not, and its id is then unknown (read answers
 * 18302, as for any unknown storage). What a storage keeps is bounded by init's checks (§10
 * lengths, URLs ≤ 2048, display options clipped) and the store endpoint's 16 KiB body cap.
 */
import { randomBytes } from 'node:crypto';
import { CappedMap, estimateBytes } from './capped-map.ts';
import type { Clock, DataStorage, StorageStore } from './context.ts';

/** §10: "valid 30 min after the last access". */
export const STORAGE_LIFETIME_MS = 30 * 60_000;

/** Default cap on the number of storages kept. */
export const DEFAULT_MAX_STORAGES = 10_000;

/** Default cap on the estimated bytes of all storages kept (about 3 KiB each at the count cap). */
export const DEFAULT_MAX_STORAGE_BYTES = 32 * 1024 * 1024;

/** Options of {@link createStorageStore}. */
export interface StorageStoreOptions {
  clock: Clock;
  lifetimeMs?: number;
  maxStorages?: number;
  /** Cap on the estimated bytes kept; default {@link DEFAULT_MAX_STORAGE_BYTES}. */
  maxBytes?: number;
}

/**
 * The in-memory {@link StorageStore}.
 *
 * @example
 * ```ts
 * const storages = createStorageStore({ clock: manualClock() });
 * const storage = storages.create({ customerId: 'D200001', shopId: 'qmore', orderIdent: 'o1',
 *   returnUrl: 'https://shop.example/fallback', language: 'en', javascriptScriptVersion: '',
 *   iframeOptions: {} });
 * storages.status(storage.storageId); // 'live'
 * ```
 */
export function createStorageStore(options: StorageStoreOptions): StorageStore {
  const { clock } = options;
  const lifetimeMs = options.lifetimeMs ?? STORAGE_LIFETIME_MS;
  const storages = new CappedMap<string, DataStorage>({
    maxEntries: options.maxStorages ?? DEFAULT_MAX_STORAGES,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_STORAGE_BYTES,
    sizeOf: (storage) =>
      estimateBytes(
        { orderIdent: storage.orderIdent, returnUrl: storage.returnUrl },
        storage.iframeOptions,
        storage.paymentInformation,
        storage.sensitive,
      ),
  });

  const expired = (storage: DataStorage) => clock.now() - storage.lastAccessAt >= lifetimeMs;

  function touch(storage: DataStorage): void {
    storage.lastAccessAt = clock.now();
    storages.touch(storage.storageId);
  }

  return {
    create(init) {
      let storageId = randomBytes(16).toString('hex');
      while (storages.has(storageId)) storageId = randomBytes(16).toString('hex');
      const now = clock.now();
      const storage: DataStorage = {
        storageId,
        customerId: init.customerId,
        shopId: init.shopId,
        orderIdent: init.orderIdent,
        returnUrl: init.returnUrl,
        language: init.language,
        javascriptScriptVersion: init.javascriptScriptVersion,
        iframeOptions: Object.freeze({ ...init.iframeOptions }),
        paymentInformation: new Map(),
        sensitive: new Map(),
        createdAt: now,
        lastAccessAt: now,
      };
      storages.set(storageId, storage);
      return storage;
    },
    access(storageId) {
      const storage = storages.get(storageId);
      if (storage === undefined || storage.consumedAt !== undefined || expired(storage)) {
        return undefined;
      }
      touch(storage);
      return storage;
    },
    status(storageId) {
      const storage = storages.get(storageId);
      if (storage === undefined) return 'unknown';
      if (storage.consumedAt !== undefined) return 'consumed';
      return expired(storage) ? 'expired' : 'live';
    },
    attach(storageId, paymentType, anonymized, sensitive) {
      const storage = this.access(storageId);
      if (storage === undefined) throw new Error('attach() needs a live storage');
      storage.paymentInformation.set(paymentType, { ...anonymized });
      storage.sensitive.set(paymentType, { ...sensitive });
      // The stored data counts against the byte cap too.
      storages.reweigh(storageId);
    },
    consume(storageId) {
      const storage = storages.get(storageId);
      if (storage === undefined) return;
      storage.consumedAt = clock.now();
      // Card data has no use once the payment has started (§10): drop it now.
      storage.sensitive.clear();
      storages.reweigh(storageId);
    },
  };
}
