/**
 * Helper process of figure 8: one emulator cold start in a fresh process, as a test file gets
 * it (`node --test` runs each file in its own process). Imports first (timed apart, detail
 * only: here it includes tsx compiling the workspace's TypeScript, which an installed package
 * does not), warms Node's `fetch` on a throwaway server so its lazy loading is not counted as the
 * emulator's, then times `createEmulator()` → listening → the first answered request (a data
 * storage init through the server-helpers client, what a test does first). Sends the times and
 * exits.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const t0 = performance.now();
const { createEmulator } = await import('@qenta-seamless/emulator');
const { createQentaClient } = await import('@qenta-seamless/server-helpers');
const importMs = performance.now() - t0;

const warm = createServer((_request, response) => response.end('ok'));
await new Promise<void>((resolve) => warm.listen(0, '127.0.0.1', resolve));
await (await fetch(`http://127.0.0.1:${(warm.address() as AddressInfo).port}/`)).text();
warm.close();

const t1 = performance.now();
const emulator = await createEmulator();
const listenMs = performance.now() - t1;
const client = createQentaClient({
  baseUrl: emulator.baseUrl,
  customerId: 'D200001',
  shopId: 'qmore',
  secret: 'B8AKTPWBRMNBV455FG6M2DANE99WU2',
});
await client.dataStorage.init({
  orderIdent: 'bench-cold-start',
  returnUrl: 'http://127.0.0.1/return',
  language: 'en',
});
const totalMs = performance.now() - t1;
await emulator.close();
process.send?.({ importMs, listenMs, totalMs }, () => process.disconnect?.());
