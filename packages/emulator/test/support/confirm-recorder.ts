/**
 * A shop's confirm endpoint for tests: records every POST body and answers OK.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running recorder. */
export interface ConfirmRecorder {
  url: string;
  bodies: string[];
  /** Resolves once `count` confirms arrived. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a recorder on 127.0.0.1 and an ephemeral port. */
export async function startConfirmRecorder(): Promise<ConfirmRecorder> {
  const bodies: string[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.end('<QPAY-CONFIRMATION-RESPONSE result="OK" />');
      for (const wait of waiting.filter((w) => bodies.length >= w.count)) wait.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/confirm`,
    bodies,
    waitFor: (count) =>
      bodies.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiting.push({ count, resolve })),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
