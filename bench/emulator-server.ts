/**
 * Helper process of figures 6 and 7b: the emulator alone in a process, so its RSS is its own.
 * Started with `--expose-gc` so a memory report can first collect garbage: what stays is what
 * the emulator keeps (storages, orders, payment sessions, journal), not what a collection would
 * free anyway. Sends `{ baseUrl }`, then answers any message with its memory and counts.
 */
import { createEmulator } from '@qenta-seamless/emulator';
import { memoryReport } from './child.ts';

const emulator = await createEmulator();
process.send?.({ baseUrl: emulator.baseUrl });
process.on('message', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  process.send?.({
    ...memoryReport(),
    heapUsed: process.memoryUsage().heapUsed,
    paymentSessions: emulator.payments.list().length,
    journalEntries: emulator.journal.entries().length,
  });
});
process.on('SIGTERM', () => {
  void emulator.close().then(() => process.disconnect?.());
});
