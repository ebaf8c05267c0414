/**
 * The contract between the emulator's parts. The HTTP API surfaces (data storage init/read,
 * frontend init, backend) and the browser side (data-storage script, SAQ-A iframe, payment pages,
 * confirm delivery) are built against these interfaces and meet in `server.ts`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  FingerprintAlgorithm,
  GatewayErrorDetail,
} from '@qenta-seamless/server-helpers/protocol';

/** Milliseconds since the epoch; injectable so lifetimes and retries are testable. */
export interface Clock {
  now(): number;
  /** Like `setTimeout`, but on this clock (a test clock fires when advanced). */
  setTimeout(callback: () => void, ms: number): { cancel(): void };
}

/** One merchant account the emulator accepts. */
export interface Merchant {
  customerId: string;
  /** Shop ids of this customer; '' stands for "no shopId sent". */
  shopIds: readonly string[];
  secret: string;
  backendPassword: string;
  algorithm: FingerprintAlgorithm;
  /** ISO alpha-3 currencies enabled for this merchant (§12: EUR by default). */
  currencies: readonly string[];
}

/** `javascriptScriptVersion` of a data storage (§3.1). */
export type ScriptVersion = '' | 'pci3' | 'googlepay';

/** A data storage (§3.1, §11.5). Card data is kept only in `sensitive`, never logged. */
export interface DataStorage {
  storageId: string;
  customerId: string;
  shopId: string;
  orderIdent: string;
  returnUrl: string;
  language: string;
  javascriptScriptVersion: ScriptVersion;
  /** pci3 display options sent at init (`iframeCssUrl`, `creditcardShow…`, `…Placeholder`). */
  iframeOptions: Readonly<Record<string, string>>;
  /** Anonymised data per payment type (what read and the JS callback return). */
  paymentInformation: Map<string, Record<string, string>>;
  /** Full data per payment type, for the payment step (3-D Secure decision). Never logged. */
  sensitive: Map<string, Record<string, string>>;
  createdAt: number;
  lastAccessAt: number;
  /** Set by a successful frontend init; the storage is invalid afterwards. */
  consumedAt?: number;
}

/** The data storages; lifetime 30 min after the last access (§10). */
export interface StorageStore {
  create(init: {
    customerId: string;
    shopId: string;
    orderIdent: string;
    returnUrl: string;
    language: string;
    javascriptScriptVersion: ScriptVersion;
    iframeOptions: Record<string, string>;
  }): DataStorage;
  /** A live storage (not expired, not consumed), its lifetime extended; else undefined. */
  access(storageId: string): DataStorage | undefined;
  /** Why a storage is not live: unknown, expired or consumed (for error answers). */
  status(storageId: string): 'live' | 'unknown' | 'expired' | 'consumed';
  /** Stores data for one payment type (replacing earlier data of that type). */
  attach(
    storageId: string,
    paymentType: string,
    anonymized: Record<string, string>,
    sensitive: Record<string, string>,
  ): void;
  consume(storageId: string): void;
}

/** A payment started by frontend init, waiting for the consumer on the payment page. */
export interface PaymentSession {
  sessionId: string;
  merchant: Merchant;
  shopId: string;
  /** Every parameter frontend init received (fingerprint fields excluded), canonical names. */
  request: Readonly<Record<string, string>>;
  /** Parameters that are not protocol names: echoed to confirmUrl (§2.6). */
  customParameters: Readonly<Record<string, string>>;
  /** The storage's anonymised and sensitive data for `request.paymentType`, if it used one. */
  paymentInformation?: Readonly<Record<string, string>>;
  sensitive?: Readonly<Record<string, string>>;
  orderNumber: string;
  createdAt: number;
}

/** The payment pages and their outcome (owned by the browser side). */
export interface PaymentSessions {
  /** Registers a session and returns the consumer's `redirectUrl` (§1.3 pattern). */
  start(session: Omit<PaymentSession, 'sessionId' | 'createdAt'>): { redirectUrl: string };
}

/** What a successful payment leaves in the backend's order book (§4.4, §11.14). */
export interface PaidOrder {
  merchant: Merchant;
  shopId: string;
  orderNumber: string;
  paymentType: string;
  amount: string;
  currency: string;
  orderDescription: string;
  orderReference?: string;
  customerStatement?: string;
  financialInstitution?: string;
  brand?: string;
  /** `yes` deposits at approval. */
  autoDeposit: boolean;
  gatewayReferenceNumber: string;
}

/** The backend order book (owned by the API side). */
export interface OrderBook {
  /** Reserves a fresh order number for a merchant (generateOrderNumber, or frontend init without one). */
  reserveOrderNumber(customerId: string): string;
  /** True when the number was reserved for this customer and is not used yet. */
  isReservedAndUnused(customerId: string, orderNumber: string): boolean;
  /** Marks a reserved number used (frontend init accepted it). */
  markUsed(customerId: string, orderNumber: string): void;
  /** Records an approved (or, with autoDeposit, deposited) payment after SUCCESS. */
  recordPaid(order: PaidOrder): void;
}

/** One journal line (§ "journal page"): newest first when read. */
export interface JournalEntry {
  id: number;
  at: number;
  kind: 'request' | 'storage' | 'payment' | 'order' | 'confirm';
  summary: string;
  /** Structured details; never card data, secrets, passwords or fingerprints. */
  details: Readonly<Record<string, unknown>>;
}

/** Append-only record of what happened, readable by people and tests. */
export interface Journal {
  record(entry: Omit<JournalEntry, 'id' | 'at'>): JournalEntry;
  entries(): readonly JournalEntry[];
}

/** Everything a route handler may use. */
export interface EmulatorContext {
  /** e.g. `http://127.0.0.1:8899` (no trailing slash). */
  origin: string;
  /** e.g. `http://127.0.0.1:8899/seamless`. */
  baseUrl: string;
  clock: Clock;
  merchant(customerId: string): Merchant | undefined;
  storages: StorageStore;
  payments: PaymentSessions;
  orders: OrderBook;
  journal: Journal;
  /** Consumer messages per language for an error code (shared by both sides). */
  gatewayError(code: string, language: string, args?: Record<string, string>): GatewayErrorDetail;
}

/**
 * A route: method + path pattern. `server.ts` rewrites a leading `/qmore/` to `/seamless/`
 * (§11.16), so patterns only name `/seamless/…` (or non-gateway paths such as `/journal`).
 */
export interface Route {
  method: 'GET' | 'POST' | 'OPTIONS';
  /** Matched against `url.pathname`. */
  path: RegExp;
  handle(
    request: IncomingMessage,
    response: ServerResponse,
    match: RegExpExecArray,
    url: URL,
  ): Promise<void> | void;
}
