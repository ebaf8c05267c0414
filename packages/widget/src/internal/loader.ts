/**
 * Loads the gateway's data-storage script (qenta-protocol §6, `javascriptUrl`) with a time-out,
 * and says why it failed: `timeout`, `network` (the request failed), `csp` (the page's
 * Content-Security-Policy blocked it) or `gateway` (it loaded but defined no data storage).
 */

/** Why the gateway script (or the shop's init endpoint) could not be used. */
export type LoadFailure = 'timeout' | 'network' | 'csp' | 'gateway';

/** The data-storage object the gateway script constructs (§6.2). */
export interface GatewayDataStorage {
  [method: string]: unknown;
}

/** A load failure with its classification. */
export class LoadError extends Error {
  readonly reason: LoadFailure;
  constructor(reason: LoadFailure) {
    super(reason);
    this.reason = reason;
  }
}

/** What {@link loadGatewayScript} needs. */
export interface LoadOptions {
  url: string;
  timeout: number;
  /** CSP nonce for the script element (`window.litNonce` when the page sets one). */
  nonce?: string;
}

type DataStorageConstructor = new () => GatewayDataStorage;

function constructorOf(): DataStorageConstructor | undefined {
  const scope = globalThis as Record<string, unknown>;
  // §6.1: `QentaCEE_DataStorage` (the script also defines the legacy `WirecardCEE_…` alias).
  const found = scope.QentaCEE_DataStorage;
  return typeof found === 'function' ? (found as DataStorageConstructor) : undefined;
}

/**
 * Appends a `<script src>` for the gateway script and resolves with a new data storage object.
 * Each storage has its own URL (the storageId is in the path, §1.3), so every call loads afresh.
 *
 * @example
 * ```ts
 * const storage = await loadGatewayScript({ url: javascriptUrl, timeout: 10_000 });
 * ```
 */
export function loadGatewayScript(options: LoadOptions): Promise<GatewayDataStorage> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    // A script of an earlier storage left its globals: drop them, so a script that loads but
    // defines nothing is reported as `gateway` instead of reusing the old constructor.
    const scope = globalThis as Record<string, unknown>;
    delete scope.QentaCEE_DataStorage;
    let blocked = false;
    const url = new URL(options.url, document.baseURI).href;
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.blockedURI && url.startsWith(event.blockedURI)) blocked = true;
    };
    const finish = (error?: LoadError) => {
      clearTimeout(timer);
      document.removeEventListener('securitypolicyviolation', onViolation);
      script.remove();
      if (error) return reject(error);
      const Storage = constructorOf();
      if (!Storage) return reject(new LoadError('gateway'));
      try {
        resolve(new Storage());
      } catch {
        reject(new LoadError('gateway'));
      }
    };
    const timer = setTimeout(() => finish(new LoadError('timeout')), options.timeout);
    document.addEventListener('securitypolicyviolation', onViolation);
    if (options.nonce) script.nonce = options.nonce;
    script.addEventListener('load', () => finish());
    script.addEventListener('error', () => {
      // The violation event is queued as a task; let it arrive before classifying.
      setTimeout(() => {
        finish(blocked ? new LoadError('csp') : new LoadError('network'));
      }, 30);
    });
    script.src = url;
    document.head.append(script);
  });
}

/** What the shop's init endpoint answers (issue 4: `{ storageId, javascriptUrl }`). */
export interface InitAnswer {
  storageId: string;
  javascriptUrl: string;
}

/**
 * POSTs to the shop's init endpoint, which runs data storage init on the server (server-helpers)
 * and answers `{ storageId, javascriptUrl }`. No card data is sent: only the payment type, the
 * mode (so the server can init a pci3 storage when asked) and the element's language (so the
 * gateway's messages and the pci3 iframe speak it).
 *
 * @example
 * ```ts
 * const { javascriptUrl } = await requestStorage({ url: '/api/checkout/data-storage', body: { paymentType: 'CCARD', mode: 'classic', language: 'de' }, timeout: 10_000 });
 * ```
 */
export async function requestStorage(options: {
  url: string;
  body: { paymentType: string; mode: string; language: string };
  timeout: number;
}): Promise<InitAnswer> {
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: AbortSignal.timeout(options.timeout),
    });
  } catch (error) {
    throw new LoadError((error as Error).name === 'TimeoutError' ? 'timeout' : 'network');
  }
  const answer = response.ok ? await response.json().catch(() => undefined) : undefined;
  if (typeof answer?.storageId !== 'string' || typeof answer?.javascriptUrl !== 'string') {
    throw new LoadError('gateway');
  }
  return { storageId: answer.storageId, javascriptUrl: answer.javascriptUrl };
}
