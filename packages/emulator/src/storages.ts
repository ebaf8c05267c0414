/**
 * Data storages (qenta-protocol §3.1, §10, §11.5): 32-hex ids, valid 30 minutes after the last
 * access (init, store, read), invalid after a successful frontend init. The count is capped so
 * an endless stream of inits cannot grow memory without bound: past the cap, expired and
 * consumed storages go first, then the least recently used live one.
 */
import { randomBytes } from 'node:crypto';
import type { Clock, DataStorage, StorageStore } from './context.ts';

/** §10: "valid 30 min after the last access". */
export const STORAGE_LIFETIME_MS = 30 * 60_000;

/** Default cap on the number of storages kept. */
export const DEFAULT_MAX_STORAGES = 10_000;

/** Options of {@link createStorageStore}. */
export interface StorageStoreOptions {
  clock: Clock;
  lifetimeMs?: number;
  maxStorages?: number;
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
  const maxStorages = Math.max(1, options.maxStorages ?? DEFAULT_MAX_STORAGES);
  // Map iteration order = insertion order; re-inserting on access keeps it in LRU order.
  const storages = new Map<string, DataStorage>();

  const expired = (storage: DataStorage) => clock.now() - storage.lastAccessAt >= lifetimeMs;

  function makeRoom(): void {
    if (storages.size < maxStorages) return;
    for (const [id, storage] of storages) {
      if (storage.consumedAt !== undefined || expired(storage)) storages.delete(id);
    }
    while (storages.size >= maxStorages) {
      const oldest = storages.keys().next();
      if (oldest.done) break;
      storages.delete(oldest.value);
    }
  }

  function touch(storage: DataStorage): void {
    storage.lastAccessAt = clock.now();
    storages.delete(storage.storageId);
    storages.set(storage.storageId, storage);
  }

  return {
    create(init) {
      makeRoom();
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
    },
    consume(storageId) {
      const storage = storages.get(storageId);
      if (storage === undefined) return;
      storage.consumedAt = clock.now();
      // Card data has no use once the payment has started (§10): drop it now.
      storage.sensitive.clear();
    },
  };
}
