/**
 * Helper process of figure 5: the load generator (autocannon), in its own process so it does not
 * take CPU from the server under test inside one event loop. Waits for a message
 * `{ url, body, connections, seconds }`, runs one bounded load and answers with its summary.
 */
import autocannon from 'autocannon';

/** One load run's request. */
export interface LoadRequest {
  url: string;
  body: string;
  connections: number;
  seconds: number;
}

/** One load run's summary. */
export interface LoadSummary {
  requestsPerSec: number;
  p99Ms: number;
  p50Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  total: number;
}

process.on('message', async (message: LoadRequest) => {
  const result = await autocannon({
    url: message.url,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: message.body,
    connections: message.connections,
    duration: message.seconds,
    timeout: 10,
  });
  const summary: LoadSummary = {
    requestsPerSec: result.requests.average,
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
  process.send?.(summary);
});
process.on('SIGTERM', () => process.disconnect?.());
