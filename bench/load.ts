/**
 * Figures 5 and 7a: the confirm endpoint under load. The endpoint runs in one helper process,
 * autocannon in another; subject and bare baseline alternate in short runs of fixed length and
 * connection count, and the ratio is of the medians. The endpoint's peak RSS is read after.
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
    const { confirmPort, barePort } = await server.next<{
      confirmPort: number;
      barePort: number;
    }>();
    driver = startChild('load-driver.ts');
    const { body } = successBody();
    const confirmUrl = `http://127.0.0.1:${confirmPort}/qenta/confirm`;
    // The load must hit the success path, not a cheap rejection: check one answer first.
    const probe = await fetch(confirmUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const answer = await probe.text();
    if (!answer.includes('result="OK"')) throw new Error(`confirm endpoint answered ${answer}`);
    const before = await server.ask<MemoryReport>('memory');
    const subjectRuns: LoadSummary[] = [];
    const bareRuns: LoadSummary[] = [];
    const run = (url: string) =>
      (driver as Child).ask<LoadSummary>(
        { url, body, connections: options.connections, seconds: options.seconds },
        (options.seconds + 20) * 1000,
      );
    for (let round = 0; round < options.rounds; round++) {
      bareRuns.push(await run(`http://127.0.0.1:${barePort}/qenta/confirm`));
      subjectRuns.push(await run(confirmUrl));
    }
    const after = await server.ask<MemoryReport & { confirmed: number; rejected: number }>(
      'memory',
    );
    const subjectRps = median(subjectRuns.map((r) => r.requestsPerSec));
    const bareRps = median(bareRuns.map((r) => r.requestsPerSec));
    const sum = (runs: LoadSummary[], pick: (r: LoadSummary) => number) =>
      runs.reduce((total, r) => total + pick(r), 0);
    const failed = (runs: LoadSummary[]) => sum(runs, (r) => r.errors + r.timeouts + r.non2xx);
    return [
      {
        key: 'load.ratio',
        label: '5 confirm endpoint req/s ÷ bare node:http',
        value: subjectRps / bareRps,
        unit: 'x',
        detail: {
          confirmReqPerSec: Math.round(subjectRps),
          bareReqPerSec: Math.round(bareRps),
          connections: options.connections,
          seconds: options.seconds,
          rounds: options.rounds,
        },
        budget: { op: '>=', limit: 0.7 },
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
