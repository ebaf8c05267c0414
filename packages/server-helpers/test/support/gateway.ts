/**
 * A recording stand-in for the gateway: a real `node:http` server on 127.0.0.1 that stores every
 * request as it arrived and answers what the test says.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeForm, type FormFields } from '../../src/form.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  fields: FormFields;
}

export interface Answer {
  status?: number;
  body: string;
  contentType?: string;
  /** Wait this long before answering (for timeouts). */
  delayMs?: number;
}

export interface FakeGateway {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startGateway(
  answer: (request: RecordedRequest) => Answer | string,
): Promise<FakeGateway> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        fields: decodeForm(body).fields,
      };
      requests.push(recorded);
      const given = answer(recorded);
      const reply = typeof given === 'string' ? { body: given } : given;
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, {
          'content-type': reply.contentType ?? 'application/x-www-form-urlencoded',
        });
        res.end(reply.body);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/seamless`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
