/**
 * A small round-robin in front of several shop backends, as a load balancer would be: each
 * request goes to the next backend in turn. A backend that refuses the connection is skipped
 * (nothing was sent, so trying the next is safe); a request that reached a backend is never sent
 * twice, whatever happens to it (the sender, e.g. the gateway's confirm delivery, retries).
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running round-robin. */
export interface RoundRobin {
  url: string;
  server: Server;
  /** Requests forwarded per backend URL. */
  counts: Map<string, number>;
  close(): Promise<void>;
}

/** Options of {@link startRoundRobin}. */
export interface RoundRobinOptions {
  backends: readonly string[];
  host?: string;
  port?: number;
  /** Called as a request is forwarded (tests use it to kill a backend mid-request). */
  onForward?: (backend: string, request: IncomingMessage) => void;
}

/**
 * Starts the round-robin.
 *
 * @example
 * ```ts
 * const front = await startRoundRobin({ backends: [a.url, b.url], port: 8787 });
 * ```
 */
export async function startRoundRobin(options: RoundRobinOptions): Promise<RoundRobin> {
  const counts = new Map(options.backends.map((backend) => [backend, 0]));
  let next = 0;
  const server = createServer((request, response) => {
    const body: Buffer[] = [];
    request.on('data', (chunk: Buffer) => body.push(chunk));
    request.on('end', () => attempt(0));

    function attempt(tried: number): void {
      if (tried >= options.backends.length) {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end('no shop backend is reachable');
        return;
      }
      const backend = options.backends[next % options.backends.length]!;
      next += 1;
      const target = new URL(request.url ?? '/', backend);
      const upstream = httpRequest(target, { method: request.method, headers: request.headers });
      let connected = false;
      const forwarded = () => {
        connected = true;
        counts.set(backend, (counts.get(backend) ?? 0) + 1);
        options.onForward?.(backend, request);
      };
      upstream.on('socket', (socket) => {
        // A kept-alive socket is connected already; a new one says so once it is.
        if (socket.connecting) socket.once('connect', forwarded);
        else forwarded();
      });
      upstream.on('response', (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on('error', () => {
        if (!connected) return attempt(tried + 1);
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
        response.end();
      });
      upstream.end(Buffer.concat(body));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    server,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
