/**
 * Helper process of figure 5: the subject (`createConfirmHandler` behind `toNodeListener`) and
 * two baselines on 127.0.0.1 — the endpoint a developer writes by hand (`node:http`, reads the
 * body, verifies it with `handwritten.ts`, answers the same bytes: the budget's baseline) and a
 * bare handler that reads the body and answers OK without verifying (reported) — in one process
 * of their own so the load generator does not share their CPU and so their peak RSS (figure 7)
 * is theirs alone. Sends `{ confirmPort, handwrittenPort, barePort }`, then answers any message
 * with its memory and the number of confirmations stored and refused.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  confirmationResponse,
  createConfirmHandler,
  toNodeListener,
} from '@qenta-seamless/server-helpers';
import { memoryReport } from './child.ts';
import { verifyByHand } from './handwritten.ts';
import { DEMO_SECRET } from './verify.ts';

let confirmed = 0;
let rejected = 0;
const confirm = createConfirmHandler({
  secret: DEMO_SECRET,
  onConfirmation: () => {
    confirmed++;
  },
  onRejected: () => {
    rejected++;
  },
});
const OK = confirmationResponse({ ok: true });
const NOK = confirmationResponse({ ok: false, message: 'invalid confirmation' });
let handwrittenRefused = 0;

const subject = createServer(toNodeListener(confirm));
// The baseline reads the body too (a real endpoint must), then answers the same bytes.
const bare = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(OK),
    });
    response.end(OK);
  });
});

// The hand-written endpoint: collect the body, verify, answer OK or NOK (qenta-protocol §5.3).
const handwritten = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const verified = verifyByHand(Buffer.concat(chunks).toString('utf8'), DEMO_SECRET);
    if (!verified) handwrittenRefused++;
    const answer = verified ? OK : NOK;
    response.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(answer),
    });
    response.end(answer);
  });
});

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

const [confirmPort, handwrittenPort, barePort] = await Promise.all([
  listen(subject),
  listen(handwritten),
  listen(bare),
]);
process.send?.({ confirmPort, handwrittenPort, barePort });
process.on('message', () =>
  process.send?.({ ...memoryReport(), confirmed, rejected, handwrittenRefused }),
);
process.on('SIGTERM', () => {
  for (const server of [subject, handwritten, bare]) {
    server.closeAllConnections();
    server.close();
  }
  process.disconnect?.();
});
