/**
 * Issue 10 cost test: every emulator endpoint that reads a body costs time and memory linear in
 * the body's size, whatever the body says (design.md "Budgets"). Adversarial bodies of 64 KB,
 * 256 KB and 1 MiB (the store endpoint: 1, 4 and 16 KiB, its own cap) go over real HTTP on
 * 127.0.0.1; the test asserts the RATIO of median times between sizes (4× the size may cost at
 * most 4 × SLACK the time), never an absolute time, and the process's peak memory growth per
 * endpoint. Bodies over an endpoint's cap still get 413.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString as setFlags } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BASKET_ITEM_FIELDS, encodeForm } from '@qenta-seamless/server-helpers/protocol';
import { createEmulator, type Emulator } from '../src/index.ts';
import { DEMO } from './support/api.ts';
import { paymentRequest } from './support/frontend.ts';

/** Generous: a linear cost gives ~4 per step; a quadratic one gives ~16. */
const SLACK = 2.5;
/** Below this, a time is mostly HTTP overhead and GC noise; ratios use it as the floor. */
const FLOOR_MS = 3;
const MAX_EXTRA_BYTES = 64 * 1024 * 1024;
const RUNS = 5;

const KB = 1024;
const API_SIZES = [64 * KB, 256 * KB, 1024 * KB] as const;
const STORE_SIZES = [1 * KB, 4 * KB, 16 * KB] as const;

type Body = (size: number) => string;

/** Pads a body with `&` to exactly `size` bytes (ASCII). */
function padTo(body: string, size: number): string {
  assert.ok(body.length <= size, `body of ${body.length} does not fit ${size}`);
  return body + '&'.repeat(size - body.length);
}

/** Bodies any form endpoint must parse in linear time. */
const GENERIC: Record<string, Body> = {
  'pairs without =': (size) => padTo('abcdefg&'.repeat(Math.floor(size / 8)), size),
  'distinct names without =': (size) => {
    let body = '';
    for (let index = 0; body.length + 12 < size; index++) body += `n${index}&`;
    return padTo(body, size);
  },
  'only &': (size) => '&'.repeat(size),
  'repeated name': (size) => padTo('a=1&'.repeat(Math.floor(size / 4)), size),
  'malformed escapes': (size) => padTo(`v=${'%zz'.repeat(Math.floor((size - 2) / 3))}`, size),
};

/** Long values (each under the 65 000 limit) filling the body, for the amplifying ones. */
function filler(prefix: string, bytes: number): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let index = 0; bytes > 100; index++) {
    const length = Math.min(60_000, bytes - 20);
    fields[`${prefix}${index}`] = 'x'.repeat(length);
    bytes -= length + 20;
  }
  return fields;
}

/** Frontend init: orders that name one long field over and over, or far more names than fields. */
const FRONTEND: Record<string, Body> = {
  ...GENERIC,
  'repeated fingerprint-order name': (size) => {
    // Within the 65 000-character value limit; the old check built repeats × the filler's size.
    const repeats = Math.min(size / 8, 20_000);
    const fields = {
      ...paymentRequest(),
      requestFingerprintOrder: `${Array.from({ length: repeats }, () => 'f0').join(',')},secret`,
      requestFingerprint: 'a'.repeat(128),
    };
    const head = encodeForm(fields);
    return padTo(`${head}&${encodeForm(filler('f', size - head.length - KB))}`, size);
  },
  'more order names than fields': (size) => {
    const names = Array.from({ length: Math.min(size / 32, 6000) }, (_, index) => `a${index}`);
    const fields = {
      ...paymentRequest(),
      requestFingerprintOrder: `${names.join(',')},secret`,
      requestFingerprint: 'a'.repeat(128),
    };
    const head = encodeForm(fields);
    return padTo(`${head}&${encodeForm(filler('f', size - head.length - KB))}`, size);
  },
};

/** Backend: a basket count that makes the fixed order as long as the number says (§2.5). */
const BACKEND: Record<string, Body> = {
  ...GENERIC,
  'basketItems far above the fields': (size) => {
    const fields = {
      customerId: DEMO.customerId,
      shopId: DEMO.shopId,
      password: DEMO.password,
      language: 'en',
      orderNumber: '5472113',
      amount: '1.00',
      currency: 'EUR',
      // Scales with the size, so the old order builder made 9 names per 8 bytes of body.
      basketItems: String(Math.floor(size / 8) * BASKET_ITEM_FIELDS.length),
      requestFingerprint: 'a'.repeat(128),
      ...filler('f', size - 2 * KB),
    };
    return padTo(encodeForm(fields), size);
  },
};

async function postTimed(url: string, body: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Peak resident memory of this process so far (bytes). */
function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

// A full collection before each measured request: the emulator runs in this process beside the
// HTTP client, and garbage V8 has not collected yet from earlier requests would otherwise count
// as the next one's growth (70 MiB was seen on a quiet machine with no amplification at all).
// An amplifying body still shows, since it needs its memory within one request.
setFlags('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Runs every body at every size against one endpoint: asserts a 200/status answer, the time
 * ratios and the peak memory growth; returns the ratios for the report.
 */
async function assertLinear(
  url: string,
  bodies: Record<string, Body>,
  sizes: readonly [number, number, number],
): Promise<Record<string, number[]>> {
  // The peak is a high-water mark: growth beyond what the warm-up of `before` reached.
  collectGarbage();
  const before = peakRss();
  const ratios: Record<string, number[]> = {};
  for (const [name, make] of Object.entries(bodies)) {
    const built = sizes.map((size) => make(size));
    for (const [index, body] of built.entries()) assert.equal(body.length, sizes[index], name);
    // Warm-up: JIT, sockets, first allocations.
    for (const body of built) await postTimed(url, body);
    const times: number[] = [];
    for (const body of built) {
      const runs: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        collectGarbage();
        const { status, ms } = await postTimed(url, body);
        assert.equal(status, 200, `${name} at ${body.length} bytes`);
        runs.push(ms);
      }
      times.push(Math.max(FLOOR_MS, median(runs)));
    }
    const [small = 0, middle = 0, large = 0] = times;
    ratios[name] = [middle / small, large / middle];
    const step = (sizes[1] / sizes[0]) * SLACK;
    assert.ok(middle / small <= step, `${name}: ×4 size cost ×${(middle / small).toFixed(1)} time`);
    assert.ok(large / middle <= step, `${name}: ×4 size cost ×${(large / middle).toFixed(1)} time`);
  }
  const extra = peakRss() - before;
  console.log(
    `# ${url.split('/').slice(-2).join('/')}: peak memory +${(extra / 2 ** 20).toFixed(0)} MiB`,
  );
  assert.ok(extra < MAX_EXTRA_BYTES, `peak memory grew by ${(extra / 2 ** 20).toFixed(0)} MiB`);
  return ratios;
}

describe('cost of hostile bodies', { timeout: 240_000 }, () => {
  let emulator: Emulator;
  let storageId: string;
  before(async () => {
    emulator = await createEmulator();
    // Warm-up of the whole process (HTTP client, JIT, V8 growing its heap, first large buffers)
    // with the plain bodies at the largest size, so each endpoint's growth below is its own.
    await postTimed(`${emulator.baseUrl}/dataStorage/read`, 'a=1');
    const start = peakRss();
    for (const path of [
      'dataStorage/init',
      'dataStorage/read',
      'frontend/init',
      'backend/refund',
    ]) {
      for (const make of Object.values(GENERIC)) {
        await postTimed(`${emulator.baseUrl}/${path}`, make(API_SIZES[2]));
      }
    }
    console.log(`# warm-up: peak memory +${((peakRss() - start) / 2 ** 20).toFixed(0)} MiB`);
    storageId = emulator.storages.create({
      customerId: DEMO.customerId,
      shopId: DEMO.shopId,
      orderIdent: 'cost',
      returnUrl: 'http://127.0.0.1:9/return',
      language: 'en',
      javascriptScriptVersion: '',
      iframeOptions: {},
    }).storageId;
  });
  after(() => emulator.close());

  const report = (label: string, ratios: Record<string, number[]>) => {
    const text = Object.entries(ratios)
      .map(([name, [a = 0, b = 0]]) => `${name} ${a.toFixed(1)}/${b.toFixed(1)}`)
      .join('; ');
    console.log(`# ${label} time ratios 256K/64K, 1M/256K: ${text}`);
  };

  it('data storage init: linear in the body', async () => {
    report(
      'dataStorage/init',
      await assertLinear(`${emulator.baseUrl}/dataStorage/init`, GENERIC, API_SIZES),
    );
  });

  it('data storage read: linear in the body', async () => {
    report(
      'dataStorage/read',
      await assertLinear(`${emulator.baseUrl}/dataStorage/read`, GENERIC, API_SIZES),
    );
  });

  it('frontend init: linear in the body, whatever its fingerprint order says', async () => {
    report(
      'frontend/init',
      await assertLinear(`${emulator.baseUrl}/frontend/init`, FRONTEND, API_SIZES),
    );
  });

  it('backend operations: linear in the body, whatever basketItems says', async () => {
    report(
      'backend/refund',
      await assertLinear(`${emulator.baseUrl}/backend/refund`, BACKEND, API_SIZES),
    );
  });

  it('browser store endpoint: linear in the body up to its 16 KiB cap', async () => {
    const bodies: Record<string, Body> = {};
    for (const [name, make] of Object.entries(GENERIC)) {
      // A storage id first, so the endpoint gets past its lookup to the validation.
      bodies[name] = (size) => `storageId=${storageId}&${make(size - 43)}`;
    }
    report(
      'dataStorage/store',
      await assertLinear(`${emulator.baseUrl}/dataStorage/store`, bodies, STORE_SIZES),
    );
  });

  it('answers 413 for bodies over each endpoint cap', async () => {
    const over = 1024 * KB + 1;
    for (const path of [
      'dataStorage/init',
      'dataStorage/read',
      'frontend/init',
      'backend/refund',
    ]) {
      const { status } = await postTimed(`${emulator.baseUrl}/${path}`, '&'.repeat(over));
      assert.equal(status, 413, path);
    }
    for (const size of [...API_SIZES, 16 * KB + 1]) {
      const { status } = await postTimed(`${emulator.baseUrl}/dataStorage/store`, '&'.repeat(size));
      assert.equal(status, 413, `store at ${size}`);
    }
  });
});
