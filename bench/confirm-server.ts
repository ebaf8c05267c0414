/**
 * Helper process of figure 5: the subject (`createConfirmHandler` behind `toNodeListener`) and
 * the baseline (a bare `node:http` handler answering the same OK string) on 127.0.0.1, in one
 * process of their own so the load generator does not share their CPU and so their peak RSS
 * (figure 7) is theirs alone. Sends `{ confirmPort, barePort }`, then answers any message with
 * its memory and the number of confirmations stored.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  confirmationResponse,
  createConfirmHandler,
  toNodeListener,
} from '@qenta-seamless/server-helpers';
import { memoryReport } from './child.ts';
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

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

const [confirmPort, barePort] = await Promise.all([listen(subject), listen(bare)]);
process.send?.({ confirmPort, barePort });
process.on('message', () => process.send?.({ ...memoryReport(), confirmed, rejected }));
process.on('SIGTERM', () => {
  subject.closeAllConnections();
  bare.closeAllConnections();
  subject.close();
  bare.close();
  process.disconnect?.();
});
