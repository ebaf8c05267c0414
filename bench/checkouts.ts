/**
 * Figures 6 and 7b: complete checkouts against the emulator, as a shop and its customers make
 * them: data storage init → store (the `POST {base}/dataStorage/store` the data-storage script
 * sends) → frontend init → SUCCESS chosen on the payment page → signed confirm delivered to a
 * local confirm endpoint (the page answers only after the first confirm attempt). A fixed number
 * of checkouts, a few at a time, under a time limit; the emulator's memory is read (after a
 * garbage collection) at the start and at every quarter, to see whether it levels off.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createConfirmHandler,
  createQentaClient,
  toNodeListener,
} from '@qenta-seamless/server-helpers';
import { type MemoryReport, startChild } from './child.ts';
import type { Figure } from './stats.ts';
import { DEMO_SECRET } from './verify.ts';

/** Options of {@link measureCheckouts}. */
export interface CheckoutOptions {
  checkouts: number;
  /** Checkouts in flight at once. */
  concurrency: number;
  /** Stop early (and say so) after this long. */
  timeLimitMs: number;
}

interface EmulatorReport extends MemoryReport {
  heapUsed: number;
  paymentSessions: number;
  journalEntries: number;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const MiB = 2 ** 20;

/**
 * Runs the checkouts and reports checkouts/s and the emulator's memory before and after.
 *
 * @example
 * ```ts
 * const figures = await measureCheckouts({ checkouts: 10_000, concurrency: 8, timeLimitMs: 120_000 });
 * ```
 */
export async function measureCheckouts(options: CheckoutOptions): Promise<Figure[]> {
  const emulatorProcess = startChild('emulator-server.ts', ['--expose-gc']);
  let confirmed = 0;
  const confirm = createConfirmHandler({
    secret: DEMO_SECRET,
    onConfirmation: () => {
      confirmed++;
    },
  });
  const sink = createServer(toNodeListener(confirm));
  try {
    const { baseUrl } = await emulatorProcess.next<{ baseUrl: string }>();
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const shop = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
    const client = createQentaClient({
      baseUrl,
      customerId: 'D200001',
      shopId: 'qmore',
      secret: DEMO_SECRET,
    });

    const checkout = async (): Promise<void> => {
      const orderIdent = randomBytes(8).toString('hex');
      const { storageId } = await client.dataStorage.init({
        orderIdent,
        returnUrl: `${shop}/return`,
        language: 'en',
      });
      const stored = await fetch(`${baseUrl}/dataStorage/store`, {
        method: 'POST',
        headers: FORM,
        body: new URLSearchParams({
          storageId,
          paymentType: 'CCARD',
          pan: '4111111111111111',
          expirationMonth: '12',
          expirationYear: '2031',
          cardverifycode: '123',
          cardholdername: 'Jane Doe',
        }),
      });
      const storeAnswer = (await stored.json()) as { errors?: number | string };
      if (Number(storeAnswer.errors ?? 0) !== 0) throw new Error('the store call was refused');
      const { redirectUrl } = await client.payment.start({
        language: 'en',
        paymentType: 'CCARD',
        amount: '12.50',
        currency: 'EUR',
        orderDescription: `Bench order ${orderIdent}`,
        successUrl: `${shop}/success`,
        cancelUrl: `${shop}/cancel`,
        failureUrl: `${shop}/failure`,
        serviceUrl: `${shop}/service`,
        confirmUrl: `${shop}/qenta/confirm`,
        consumerIpAddress: '127.0.0.1',
        consumerUserAgent: 'qenta-seamless-bench',
        storageId,
        orderIdent,
      });
      const sid = new URL(redirectUrl).searchParams.get('SID') ?? '';
      const outcome = await fetch(redirectUrl, {
        method: 'POST',
        headers: FORM,
        body: new URLSearchParams({ SID: sid, step: 'outcome', outcome: 'SUCCESS' }),
        redirect: 'manual',
      });
      await outcome.arrayBuffer();
      if (outcome.status !== 303) throw new Error(`payment page answered ${outcome.status}`);
    };

    // A few checkouts first so that JIT warm-up is not counted, then the measured run.
    for (let i = 0; i < 20; i++) await checkout();
    const snapshots: { checkouts: number; report: EmulatorReport }[] = [
      { checkouts: 0, report: await emulatorProcess.ask<EmulatorReport>('memory') },
    ];
    const quarter = Math.max(1, Math.floor(options.checkouts / 4));
    let started = 0;
    let completed = 0;
    let failed = 0;
    let firstFailure = '';
    const deadline = performance.now() + options.timeLimitMs;
    const t0 = performance.now();
    let elapsedMs = 0;
    while (completed + failed < options.checkouts && performance.now() < deadline) {
      // Run one quarter, then read the emulator's memory with nothing in flight.
      const target = Math.min(options.checkouts, started + quarter);
      const worker = async () => {
        while (started < target && performance.now() < deadline) {
          started++;
          try {
            await checkout();
            completed++;
          } catch (error) {
            failed++;
            firstFailure ||= error instanceof Error ? error.message : String(error);
          }
        }
      };
      const phase = performance.now();
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      elapsedMs += performance.now() - phase;
      snapshots.push({
        checkouts: completed,
        report: await emulatorProcess.ask<EmulatorReport>('memory'),
      });
    }
    const wallMs = performance.now() - t0;
    const first = snapshots[0] as (typeof snapshots)[number];
    const last = snapshots[snapshots.length - 1] as (typeof snapshots)[number];
    // Growth over the second half: levelling off means the caps hold.
    const middle = snapshots[Math.floor(snapshots.length / 2)] as (typeof snapshots)[number];
    return [
      {
        key: 'checkouts.perSecond',
        label: '6 emulator complete checkouts per second',
        value: (completed * 1000) / elapsedMs,
        unit: '/s',
        detail: {
          completed,
          failed,
          confirmsDelivered: confirmed,
          concurrency: options.concurrency,
          seconds: wallMs / 1000,
          stoppedByTimeLimit: completed + failed < options.checkouts,
          ...(firstFailure && { firstFailure }),
        },
      },
      {
        key: 'memory.emulatorRss',
        label: `7 emulator RSS after ${completed} checkouts`,
        value: last.report.rss / MiB,
        unit: 'MiB',
        detail: {
          rssBeforeMiB: first.report.rss / MiB,
          peakRssMiB: last.report.maxRss / MiB,
          heapBeforeMiB: first.report.heapUsed / MiB,
          heapMidMiB: middle.report.heapUsed / MiB,
          heapAfterMiB: last.report.heapUsed / MiB,
          paymentSessions: last.report.paymentSessions,
          journalEntries: last.report.journalEntries,
          heapPerQuarterMiB: snapshots.map((s) => Math.round(s.report.heapUsed / MiB)).join('/'),
        },
      },
    ];
  } finally {
    sink.closeAllConnections();
    sink.close();
    await emulatorProcess.stop();
  }
}
