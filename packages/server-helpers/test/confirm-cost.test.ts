/**
 * What a hostile confirm body costs (issue 10 items 2 and 3, "A cost test"): for each adversarial
 * shape at 64 KB, 256 KB and 1 MiB, time grows at most linearly (the 1 MiB median within
 * RATIO_LIMIT times the 256 KB one, linear being 4) and the extra memory stays under 64 MiB;
 * each body is refused with its stable code, never a 500.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  type ConfirmationRejection,
  createConfirmHandler,
  isQentaError,
  toNodeListener,
  verifyConfirmation,
} from '../src/index.ts';
import { type Cost, costsBySize, MEMORY_LIMIT, RATIO_LIMIT, SIZES } from './support/cost.ts';
import { SECRET } from './support/errors.ts';
import { HOSTILE_BODIES } from './support/hostile-bodies.ts';

const MiB = 1024 * 1024;

/**
 * Measures the actions (one per size) and asserts linear growth. A quadratic cost fails every
 * time (16x per fourfold size); a noisy neighbour on a shared machine rarely twice in a row, so
 * a failing ratio gets one more measurement before it counts.
 */
async function assertLinear(
  actions: readonly (() => unknown)[],
  report: (line: string) => void,
): Promise<void> {
  let costs = await costsBySize(actions);
  if (ratioOf(costs) > RATIO_LIMIT) {
    report(`first measurement ${ratioOf(costs).toFixed(1)}x; measuring again`);
    const again = await costsBySize(actions);
    if (ratioOf(again) < ratioOf(costs)) costs = again;
  }
  const [small, medium, large] = costs as [Cost, Cost, Cost];
  const ratio = ratioOf(costs);
  report(
    `64 KB ${small.ms.toFixed(2)} ms, 256 KB ${medium.ms.toFixed(2)} ms, 1 MiB ${large.ms.toFixed(2)} ms ` +
      `(1 MiB / 256 KB = ${ratio.toFixed(1)}, 256 KB / 64 KB = ${(medium.ms / small.ms).toFixed(1)}); ` +
      `memory at most ${(Math.max(...costs.map((c) => c.bytes)) / MiB).toFixed(1)} MiB`,
  );
  assert.ok(ratio <= RATIO_LIMIT, `1 MiB took ${ratio.toFixed(1)}x the 256 KB time`);
  for (const [index, cost] of costs.entries()) {
    assert.ok(
      cost.bytes < MEMORY_LIMIT,
      `${SIZES[index]} bytes cost ${(cost.bytes / MiB).toFixed(1)} MiB extra`,
    );
  }
}

function ratioOf(costs: readonly Cost[]): number {
  return (costs[2] as Cost).ms / (costs[1] as Cost).ms;
}

describe('verifyConfirmation costs time and memory linear in the body', () => {
  for (const hostile of HOSTILE_BODIES) {
    it(`refuses ${hostile.title} with ${hostile.code}, linearly`, async (t) => {
      const actions = SIZES.map((size) => {
        const body = hostile.build(size);
        assert.equal(body.length, size);
        return () => {
          try {
            verifyConfirmation(body, { secret: SECRET });
            assert.fail('a hostile body verified');
          } catch (error) {
            assert.ok(isQentaError(error), `threw ${String(error)}`);
            assert.equal(error.code, hostile.code);
          }
        };
      });
      await assertLinear(actions, (line) => t.diagnostic(line));
    });
  }
});

describe('the confirm handler over HTTP costs time and memory linear in the body', () => {
  let server: Server;
  let url: string;
  const rejections: ConfirmationRejection[] = [];

  before(async () => {
    const handler = createConfirmHandler({
      secret: SECRET,
      // Room for a full 1 MiB body plus nothing: the default cap is exactly 1 MiB.
      maxBodyBytes: MiB,
      onConfirmation: () => assert.fail('a hostile body was accepted'),
      onRejected: (rejection) => {
        rejections.push(rejection);
      },
    });
    server = createServer(toNodeListener(handler));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/qenta/confirm`;
  });
  after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  for (const hostile of HOSTILE_BODIES) {
    it(`answers ${hostile.title} with NOK and onRejected ${hostile.code}, linearly`, async (t) => {
      const actions = SIZES.map((size) => {
        const body = Buffer.from(hostile.build(size));
        return async () => {
          rejections.length = 0;
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body,
          });
          assert.equal(response.status, 200);
          assert.match(await response.text(), /result="NOK"/);
          assert.deepEqual(
            rejections.map((rejection) => rejection.code),
            [hostile.code],
          );
        };
      });
      await assertLinear(actions, (line) => t.diagnostic(line));
    });
  }
});
