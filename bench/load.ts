/**
 * Figures 5 and 7a: the confirm endpoint under load. The endpoints run in one helper process
 * (`confirm-server.ts`), autocannon in another; the subject, the hand-written verifying endpoint
 * (the budget's baseline) and the bare non-verifying handler (reported) take turns in short runs
 * of fixed length and connection count, the order rotating every round, and the ratios are of
 * the medians. The endpoint's peak RSS is read after.
 */
import { type Child, type MemoryReport, startChild } from './child.ts';
import type { LoadSummary } from './load-driver.ts';
import { type Figure, median } from './stats.ts';
import { successBody } from './verify.ts';

/** Options of {@link measureLoad}. */
export interface LoadOptions {
  /** Runs per side (alternating). */
  rounds: number;
  seconds: number;
  connections: number;
}

/**
 * Measures confirm endpoint req/s ÷ bare node:http req/s, p99, errors and peak RSS.
 *
 * @example
 * ```ts
 * const figures = await measureLoad({ rounds: 3, seconds: 3, connections: 10 });
 * ```
 */
export async function measureLoad(options: LoadOptions): Promise<Figure[]> {
  const server = startChild('confirm-server.ts');
  let driver: Child | undefined;
  try {
    const ports = await server.next<{
      confirmPort: number;
      handwrittenPort: number;
      barePort: number;
    }>();
    driver = startChild('load-driver.ts');
    const { body } = successBody();
    const urls = {
      subject: `http://127.0.0.1:${ports.confirmPort}/qenta/confirm`,
      handwritten: `http://127.0.0.1:${ports.handwrittenPort}/qenta/confirm`,
      bare: `http://127.0.0.1:${ports.barePort}/qenta/confirm`,
    };
    // The load must hit the success path, not a cheap rejection: check one answer of each first.
    for (const url of [urls.subject, urls.handwritten]) {
      const probe = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      const answer = await probe.text();
      if (!answer.includes('result="OK"')) throw new Error(`${url} answered ${answer}`);
    }
    const before = await server.ask<MemoryReport>('memory');
    const runs = {
      subject: [] as LoadSummary[],
      handwritten: [] as LoadSummary[],
      bare: [] as LoadSummary[],
    };
    const names = Object.keys(urls) as (keyof typeof urls)[];
    const run = (url: string) =>
      (driver as Child).ask<LoadSummary>(
        { url, body, connections: options.connections, seconds: options.seconds },
        (options.seconds + 20) * 1000,
      );
    for (let round = 0; round < options.rounds; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(round + i) % names.length] as keyof typeof urls;
        runs[name].push(await run(urls[name]));
      }
    }
    const after = await server.ask<
      MemoryReport & { confirmed: number; rejected: number; handwrittenRefused: number }
    >('memory');
    const subjectRuns = runs.subject;
    const bareRuns = runs.bare;
    const subjectRps = median(subjectRuns.map((r) => r.requestsPerSec));
    const handRps = median(runs.handwritten.map((r) => r.requestsPerSec));
    const bareRps = median(bareRuns.map((r) => r.requestsPerSec));
    const sum = (runs: LoadSummary[], pick: (r: LoadSummary) => number) =>
      runs.reduce((total, r) => total + pick(r), 0);
    const failed = (runs: LoadSummary[]) => sum(runs, (r) => r.errors + r.timeouts + r.non2xx);
    return [
      {
        key: 'load.vsHandwritten',
        label: '5 confirm endpoint req/s ÷ hand-written verifying node:http endpoint',
        value: subjectRps / handRps,
        unit: 'x',
        detail: {
          confirmReqPerSec: Math.round(subjectRps),
          handwrittenReqPerSec: Math.round(handRps),
          handwrittenErrors: failed(runs.handwritten) + after.handwrittenRefused,
          connections: options.connections,
          seconds: options.seconds,
          rounds: options.rounds,
        },
        budget: { op: '>=', limit: 0.9 },
      },
      {
        key: 'load.ratio',
        label: '5 confirm endpoint req/s ÷ bare node:http that verifies nothing',
        value: subjectRps / bareRps,
        unit: 'x',
        detail: { bareReqPerSec: Math.round(bareRps) },
      },
      {
        key: 'load.p99',
        label: '5 confirm endpoint p99 latency (median of runs)',
        value: median(subjectRuns.map((r) => r.p99Ms)),
        unit: 'ms',
        detail: { bareP99Ms: median(bareRuns.map((r) => r.p99Ms)) },
      },
      {
        key: 'load.errors',
        label: '5 confirm endpoint errors (errors + timeouts + non-2xx + NOK)',
        value: failed(subjectRuns) + after.rejected,
        unit: '',
        detail: {
          requests: sum(subjectRuns, (r) => r.total),
          confirmationsStored: after.confirmed,
          rejected: after.rejected,
          bareErrors: failed(bareRuns),
        },
        budget: { op: '<=', limit: 0 },
      },
      {
        key: 'memory.confirmPeakRss',
        label: '7 confirm endpoint process peak RSS under load',
        value: after.maxRss / 2 ** 20,
        unit: 'MiB',
        detail: { rssBeforeLoadMiB: before.rss / 2 ** 20, rssAfterLoadMiB: after.rss / 2 ** 20 },
      },
    ];
  } finally {
    await driver?.stop();
    await server.stop();
  }
}
