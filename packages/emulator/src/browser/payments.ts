/**
 * Payment sessions: what frontend init starts and the payment page finishes (qenta-protocol
 * §1.3, §5, §11.6–11.7). The confirm POST is delivered (first attempt awaited) before the
 * browser is sent back to the shop; PENDING is followed by a second confirm; an abandoned page
 * ends as FAILURE after 30 minutes on the emulator's clock.
 */
import { randomInt } from 'node:crypto';
import type { GatewayErrorDetail } from '@qenta-seamless/server-helpers/protocol';
import { CappedMap, estimateBytes } from '../capped-map.ts';
import type {
  Clock,
  EmulatorContext,
  Journal,
  OrderBook,
  PaidOrder,
  PaymentSession,
  PaymentSessions,
} from '../context.ts';
import { ConfirmDelivery, type ConfirmRetryOptions } from './confirm-delivery.ts';
import { buildConfirmFields, type PaymentState } from './confirm-fields.ts';
import { abandonedError, declineError } from './store-errors.ts';
import { cardBehaviour, THREE_D_SECURE_PASSWORD } from './test-cards.ts';

/** Options of {@link createPaymentSessions}. */
export interface PaymentSessionOptions {
  /** Confirm retry schedule and per-attempt timeout. */
  confirmRetry?: ConfirmRetryOptions;
  /** When a PENDING payment resolves by itself (to SUCCESS). Default 2 minutes. */
  pendingResolveMs?: number;
  /** When an untouched payment page ends as FAILURE. Default 30 minutes (design.md). */
  abandonAfterMs?: number;
  /** Cap on sessions kept, finished or not. Default {@link MAX_PAYMENT_SESSIONS}. */
  maxSessions?: number;
  /** Cap on the estimated bytes of all sessions. Default {@link MAX_PAYMENT_SESSION_BYTES}. */
  maxBytes?: number;
}

/** Where a session is. */
export type SessionStage = 'authenticate' | 'choose' | 'pending' | 'done';

/** A session as the payment pages see it. */
export interface LiveSession extends PaymentSession {
  stage: SessionStage;
  /** Passed the 3-D Secure step. */
  authenticated: boolean;
  /** Last confirmed state. */
  state?: PaymentState;
}

/** What the payment page does after a consumer action. */
export type NextStep = { redirect: string } | { page: true };

/** The part of the emulator context payment sessions use. */
export type PaymentContext = Pick<EmulatorContext, 'baseUrl'> & {
  clock: Clock;
  journal: Journal;
  orders: OrderBook;
};

const CARD_TYPES = new Set(['CCARD', 'CCARD-MOTO', 'MAESTRO']);
/**
 * Sessions kept, unfinished ones included; beyond it the oldest is forgotten, whatever its
 * stage, and its page then answers as for an unknown session (issue 10: counting only finished
 * sessions left a flood of unfinished ones unbounded).
 */
export const MAX_PAYMENT_SESSIONS = 10_000;

/** Estimated bytes of all sessions kept (about 6 KiB each at the count cap). */
export const MAX_PAYMENT_SESSION_BYTES = 64 * 1024 * 1024;

/**
 * The request parameters a session keeps: what the pages, the confirm and the order book read.
 * Everything else frontend init received is checked and dropped, so a session holds no more
 * than these (each bounded by init's checks) and the custom parameters.
 */
export const SESSION_REQUEST_FIELDS = [
  'paymentType',
  'amount',
  'currency',
  'language',
  'orderDescription',
  'financialInstitution',
  'autoDeposit',
  'orderReference',
  'customerStatement',
  'confirmUrl',
  'successUrl',
  'cancelUrl',
  'failureUrl',
  'pendingUrl',
] as const;
const SID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Creates the payment sessions of an emulator (`ctx.payments`).
 *
 * @example
 * ```ts
 * ctx.payments = createPaymentSessions(ctx, { confirmRetry: { delaysMs: [1000, 5000] } });
 * ```
 */
export function createPaymentSessions(
  ctx: PaymentContext,
  options: PaymentSessionOptions = {},
): PaymentSessionBook {
  return new PaymentSessionBook(ctx, options);
}

/**
 * The payment sessions; `start` is the contract with frontend init, the rest serves the pages.
 *
 * @example
 * ```ts
 * const book = createPaymentSessions(ctx);
 * const { redirectUrl } = book.start(session);
 * ```
 */
export class PaymentSessionBook implements PaymentSessions {
  readonly #ctx: PaymentContext;
  readonly #sessions: CappedMap<string, LiveSession>;
  readonly #timers = new Map<string, { cancel(): void }>();
  readonly #delivery: ConfirmDelivery;
  readonly #pendingResolveMs: number;
  readonly #abandonAfterMs: number;

  constructor(ctx: PaymentContext, options: PaymentSessionOptions = {}) {
    this.#ctx = ctx;
    this.#delivery = new ConfirmDelivery({
      clock: ctx.clock,
      journal: ctx.journal,
      ...(options.confirmRetry ? { retry: options.confirmRetry } : {}),
    });
    this.#pendingResolveMs = options.pendingResolveMs ?? 2 * 60_000;
    this.#abandonAfterMs = options.abandonAfterMs ?? 30 * 60_000;
    this.#sessions = new CappedMap({
      maxEntries: options.maxSessions ?? MAX_PAYMENT_SESSIONS,
      maxBytes: options.maxBytes ?? MAX_PAYMENT_SESSION_BYTES,
      sizeOf: (session) =>
        estimateBytes(
          session.request,
          session.customParameters,
          session.paymentInformation,
          session.sensitive,
        ),
      onEvict: (sessionId, session) => this.#evicted(sessionId, session),
    });
  }

  start(session: Omit<PaymentSession, 'sessionId' | 'createdAt'>): { redirectUrl: string } {
    const sessionId = newSessionId();
    const type = session.request.paymentType ?? '';
    const pan = session.sensitive?.pan;
    const needs3ds = CARD_TYPES.has(type) && pan !== undefined && cardBehaviour(pan) === '3ds';
    const live: LiveSession = {
      ...session,
      request: keptRequest(session.request),
      sessionId,
      createdAt: this.#ctx.clock.now(),
      stage: needs3ds ? 'authenticate' : 'choose',
      authenticated: false,
    };
    this.#sessions.set(sessionId, live);
    this.#schedule(sessionId, this.#abandonAfterMs, () => {
      if (live.stage === 'authenticate' || live.stage === 'choose') {
        void this.#finish(live, 'FAILURE', [abandonedError(this.#language(live))]);
      }
    });
    this.#ctx.journal.record({
      kind: 'payment',
      summary: `Payment page opened for order ${session.orderNumber} (${type})`,
      details: { sessionId, orderNumber: session.orderNumber, paymentType: type, needs3ds },
    });
    const device = `${session.merchant.customerId}${session.shopId}_DESKTOP`;
    return { redirectUrl: `${this.#ctx.baseUrl}/frontend/${device}/select.php?SID=${sessionId}` };
  }

  /** A session by its id. */
  get(sessionId: string): LiveSession | undefined {
    return this.#sessions.get(sessionId);
  }

  /** Every session, newest first (for the journal's payments page). */
  list(): LiveSession[] {
    return [...this.#sessions.values()].reverse();
  }

  /** Sessions kept and their estimated bytes (the caps' state, for tests and the README). */
  usage(): { sessions: number; bytes: number } {
    return { sessions: this.#sessions.size, bytes: this.#sessions.bytes };
  }

  /** The 3-D Secure step: the right password leads to the outcome choice, a wrong one fails. */
  async authenticate(sessionId: string, password: string): Promise<NextStep | undefined> {
    const session = this.#sessions.get(sessionId);
    if (session?.stage !== 'authenticate') return undefined;
    if (password === THREE_D_SECURE_PASSWORD) {
      session.stage = 'choose';
      session.authenticated = true;
      return { page: true };
    }
    return this.#finish(session, 'FAILURE', [
      declineError('authentication', this.#language(session)),
    ]);
  }

  /** The consumer's outcome choice. A declined test card turns SUCCESS/PENDING into FAILURE. */
  async choose(sessionId: string, outcome: PaymentState): Promise<NextStep | undefined> {
    const session = this.#sessions.get(sessionId);
    if (session?.stage !== 'choose') return undefined;
    const language = this.#language(session);
    const pan = session.sensitive?.pan;
    const declined = pan !== undefined && cardBehaviour(pan) === 'declined';
    if (outcome === 'CANCEL') return this.#finish(session, 'CANCEL');
    if (outcome === 'FAILURE' || declined) {
      return this.#finish(session, 'FAILURE', [this.#declineError(session, language)]);
    }
    return this.#finish(session, outcome);
  }

  /**
   * Resolves a PENDING payment now with a second confirm (the journal page's button).
   * False when the session is not pending.
   */
  async resolvePending(sessionId: string, state: 'SUCCESS' | 'FAILURE'): Promise<boolean> {
    const session = this.#sessions.get(sessionId);
    if (session?.stage !== 'pending') return false;
    const errors =
      state === 'FAILURE' ? [this.#declineError(session, this.#language(session))] : [];
    await this.#finish(session, state, errors);
    return true;
  }

  /** The decline worded for the payment method: a card's, or a payment provider's. */
  #declineError(session: LiveSession, language: string) {
    const isCard = CARD_TYPES.has(session.request.paymentType ?? '');
    return declineError(isCard ? 'declined' : 'provider-declined', language);
  }

  /** Stops every timer and retry (emulator close). */
  close(): void {
    for (const timer of this.#timers.values()) timer.cancel();
    this.#timers.clear();
    this.#delivery.stop();
  }

  async #finish(
    session: LiveSession,
    state: PaymentState,
    errors: GatewayErrorDetail[] = [],
  ): Promise<NextStep> {
    this.#timers.get(session.sessionId)?.cancel();
    this.#timers.delete(session.sessionId);
    session.stage = state === 'PENDING' ? 'pending' : 'done';
    session.state = state;
    const request = session.request;
    this.#ctx.journal.record({
      kind: 'payment',
      summary: `Payment ${state} for order ${session.orderNumber}`,
      details: {
        sessionId: session.sessionId,
        orderNumber: session.orderNumber,
        paymentState: state,
        ...(errors.length > 0 ? { errorCodes: errors.map((error) => error.errorCode) } : {}),
      },
    });
    if (state === 'SUCCESS') this.#recordPaid(session);
    if (state === 'PENDING') {
      this.#schedule(session.sessionId, this.#pendingResolveMs, () => {
        void this.resolvePending(session.sessionId, 'SUCCESS');
      });
    }
    const fields = buildConfirmFields({
      session,
      state,
      errors,
      authenticated: session.authenticated,
      now: this.#ctx.clock.now(),
    });
    const confirmUrl = request.confirmUrl;
    if (confirmUrl) {
      await this.#delivery.deliver(confirmUrl, fields, {
        sessionId: session.sessionId,
        orderNumber: session.orderNumber,
        paymentState: state,
      });
    }
    const target = redirectTarget(request, state);
    return target ? { redirect: target } : { page: true };
  }

  #recordPaid(session: LiveSession): void {
    const request = session.request;
    const info = session.paymentInformation ?? {};
    const order: PaidOrder = {
      merchant: session.merchant,
      shopId: session.shopId,
      orderNumber: session.orderNumber,
      paymentType: request.paymentType ?? '',
      amount: request.amount ?? '',
      currency: request.currency ?? '',
      orderDescription: request.orderDescription ?? '',
      autoDeposit: (request.autoDeposit ?? '').toLowerCase() === 'yes',
      gatewayReferenceNumber: `DGW_${session.orderNumber}_RN`,
      ...optional('orderReference', request.orderReference),
      ...optional('customerStatement', request.customerStatement),
      ...optional(
        'financialInstitution',
        info.financialInstitution ?? request.financialInstitution,
      ),
      ...optional('brand', info.brand),
    };
    this.#ctx.orders.recordPaid(order);
    this.#ctx.journal.record({
      kind: 'order',
      summary: `Order ${session.orderNumber} paid (${order.amount} ${order.currency})`,
      details: { orderNumber: session.orderNumber, autoDeposit: order.autoDeposit },
    });
  }

  #evicted(sessionId: string, session: LiveSession): void {
    // Its abandon or PENDING timer would act on a session nobody can reach any more.
    this.#timers.get(sessionId)?.cancel();
    this.#timers.delete(sessionId);
    this.#ctx.journal.record({
      kind: 'payment',
      summary: `Payment session of order ${session.orderNumber} forgotten (session cap)`,
      details: { sessionId, orderNumber: session.orderNumber, stage: session.stage },
    });
  }

  #schedule(sessionId: string, ms: number, run: () => void): void {
    this.#timers.get(sessionId)?.cancel();
    const timer = this.#ctx.clock.setTimeout(() => {
      this.#timers.delete(sessionId);
      run();
    }, ms);
    this.#timers.set(sessionId, timer);
  }

  #language(session: LiveSession): string {
    return session.request.language ?? 'en';
  }
}

/**
 * Where the browser goes after an outcome (§5.4). `pendingUrl` falls back to `successUrl`
 * (UNCONFIRMED in the docs, §11.7); a missing URL leaves the consumer on the emulator's page.
 * The URL is the normalised `href` (init refuses a URL that is not already printable ASCII;
 * normalising again means no raw string ever reaches a `Location` header, issue 10).
 *
 * @example
 * ```ts
 * redirectTarget({ successUrl: 'https://shop.example/ok' }, 'PENDING'); // 'https://shop.example/ok'
 * ```
 */
export function redirectTarget(
  request: Readonly<Record<string, string>>,
  state: PaymentState,
): string | undefined {
  const pick = (name: string) => {
    const value = request[name];
    return value ? normalisedHref(value) : undefined;
  };
  switch (state) {
    case 'SUCCESS':
      return pick('successUrl');
    case 'PENDING':
      return pick('pendingUrl') ?? pick('successUrl');
    case 'CANCEL':
      return pick('cancelUrl');
    case 'FAILURE':
      return pick('failureUrl');
  }
}

/**
 * The normalised form of an absolute http(s) URL, or undefined when it is none.
 *
 * @example
 * ```ts
 * normalisedHref('https://Shop.example/ok page'); // 'https://shop.example/ok%20page'
 * ```
 */
export function normalisedHref(value: string): string | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

function keptRequest(request: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of SESSION_REQUEST_FIELDS) {
    if (Object.hasOwn(request, name)) kept[name] = request[name] as string;
  }
  return kept;
}

function newSessionId(): string {
  let id = '';
  for (let index = 0; index < 26; index++) id += SID_ALPHABET[randomInt(SID_ALPHABET.length)];
  return id;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}
