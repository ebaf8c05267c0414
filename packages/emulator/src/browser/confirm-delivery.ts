/**
 * Delivers confirm POSTs to the shop's `confirmUrl` (qenta-protocol §5.1, §5.3) with a timeout
 * per attempt, and retries on NOK, non-2xx, timeout or refused connection (design.md: the
 * gateway's own retry policy is UNCONFIRMED, §5.3). Every attempt is journaled with its answer;
 * the journal never holds the fields (they carry the fingerprint).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { encodeForm, parseConfirmationResponse } from '@qenta-seamless/server-helpers/protocol';
import type { Clock, Journal } from '../context.ts';

/** Retry schedule of confirm deliveries. */
export interface ConfirmRetryOptions {
  /** Waits before the 2nd, 3rd, … attempt; its length is the number of retries. */
  delaysMs?: readonly number[];
  /** Per-attempt timeout (connect + answer). */
  timeoutMs?: number;
}

/** Defaults: 5 retries over about 15 minutes, 10 s per attempt. */
export const DEFAULT_CONFIRM_RETRY = {
  delaysMs: [5_000, 30_000, 60_000, 300_000, 600_000],
  timeoutMs: 10_000,
} as const;

/** How one attempt ended. */
export interface AttemptResult {
  /** True when the shop answered HTTP 2xx with `result="OK"`. */
  ok: boolean;
  /** `OK`, `NOK`, `timeout`, `refused`, `http 500`, `invalid answer`, … */
  outcome: string;
  httpStatus?: number;
  /** The NOK message, when there was one. */
  message?: string;
}

const ANSWER_LIMIT = 64 * 1024;

/**
 * Sends one confirm POST and classifies the answer. Never throws.
 *
 * @example
 * ```ts
 * const result = await postConfirm('http://127.0.0.1:3000/confirm', fields, 10_000);
 * result.ok; // true when the shop answered OK
 * ```
 */
export function postConfirm(
  url: string,
  fields: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<AttemptResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ ok: false, outcome: 'invalid confirmUrl' });
      return;
    }
    const body = encodeForm(fields);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const outgoing = send(target, {
      method: 'POST',
      agent: false,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        'User-Agent': 'QENTA-Emulator',
        Connection: 'close',
      },
    });
    // A hanging shop cannot hold the emulator: the socket is destroyed at the deadline.
    const timer = setTimeout(() => {
      finish({ ok: false, outcome: 'timeout' });
      outgoing.destroy();
    }, timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      finish({ ok: false, outcome: error.code === 'ECONNREFUSED' ? 'refused' : 'network error' });
    });
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= ANSWER_LIMIT) chunks.push(chunk);
      });
      incoming.on('error', () => finish({ ok: false, outcome: 'network error' }));
      incoming.on('end', () => {
        const status = incoming.statusCode ?? 0;
        if (status < 200 || status > 299) {
          finish({ ok: false, outcome: `http ${status}`, httpStatus: status });
          return;
        }
        const answer = parseConfirmationResponse(Buffer.concat(chunks).toString('utf8'));
        if (!answer) finish({ ok: false, outcome: 'invalid answer', httpStatus: status });
        else if (answer.ok) finish({ ok: true, outcome: 'OK', httpStatus: status });
        else finish({ ok: false, outcome: 'NOK', httpStatus: status, message: answer.message });
      });
    });
    outgoing.end(body);
  });
}

/** What one delivery is about (for the journal). */
export interface DeliveryLabel {
  sessionId: string;
  orderNumber: string;
  paymentState: string;
}

/**
 * Delivers confirms: the first attempt is awaited by the caller (the browser redirect waits for
 * it), retries run in the background on the emulator's clock.
 *
 * @example
 * ```ts
 * const delivery = new ConfirmDelivery({ clock, journal, retry: { delaysMs: [100, 200] } });
 * await delivery.deliver(confirmUrl, fields, { sessionId, orderNumber, paymentState: 'SUCCESS' });
 * ```
 */
export class ConfirmDelivery {
  readonly #clock: Clock;
  readonly #journal: Journal;
  readonly #delays: readonly number[];
  readonly #timeoutMs: number;
  readonly #timers = new Set<{ cancel(): void }>();

  constructor(options: { clock: Clock; journal: Journal; retry?: ConfirmRetryOptions }) {
    this.#clock = options.clock;
    this.#journal = options.journal;
    this.#delays = options.retry?.delaysMs ?? DEFAULT_CONFIRM_RETRY.delaysMs;
    this.#timeoutMs = options.retry?.timeoutMs ?? DEFAULT_CONFIRM_RETRY.timeoutMs;
  }

  /** Runs the first attempt; resolves with it. Later attempts are scheduled when it failed. */
  async deliver(
    url: string,
    fields: Readonly<Record<string, string>>,
    label: DeliveryLabel,
  ): Promise<AttemptResult> {
    return this.#attempt(url, fields, label, 1);
  }

  /** Cancels every scheduled retry (on close). */
  stop(): void {
    for (const timer of this.#timers) timer.cancel();
    this.#timers.clear();
  }

  async #attempt(
    url: string,
    fields: Readonly<Record<string, string>>,
    label: DeliveryLabel,
    attempt: number,
  ): Promise<AttemptResult> {
    const result = await postConfirm(url, fields, this.#timeoutMs);
    const delay = this.#delays[attempt - 1];
    const retrying = !result.ok && delay !== undefined;
    this.#journal.record({
      kind: 'confirm',
      summary: `Confirm ${label.paymentState} for order ${label.orderNumber}, attempt ${attempt}: ${result.outcome}${retrying ? `, retry in ${delay} ms` : ''}`,
      details: {
        ...label,
        confirmUrl: url,
        attempt,
        outcome: result.outcome,
        ok: result.ok,
        ...(result.httpStatus === undefined ? {} : { httpStatus: result.httpStatus }),
        ...(result.message === undefined ? {} : { message: result.message }),
        ...(retrying ? { nextAttemptInMs: delay } : {}),
      },
    });
    if (retrying) {
      const timer = this.#clock.setTimeout(() => {
        this.#timers.delete(timer);
        void this.#attempt(url, fields, label, attempt + 1);
      }, delay);
      this.#timers.add(timer);
    }
    return result;
  }
}
