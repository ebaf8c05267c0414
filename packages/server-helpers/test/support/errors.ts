/**
 * Every error a test provokes goes through {@link captureError}, which checks on the spot that
 * no secret, password or fingerprint shows up in any view of it (issue 2 §3).
 */
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { isQentaError, type QentaError, type QentaErrorCode } from '../../src/errors.ts';

export const SECRET = 'B8AKTPWBRMNBV455FG6M2DANE99WU2';
export const PASSWORD = 'jcv45z';
export const MERCHANT = { customerId: 'D200001', shopId: 'qmore' } as const;

const HEX_FINGERPRINT = /[0-9a-fA-F]{128}/;

/** Counts the errors scanned, so the leak test can say how many it saw. */
export const scanned = { count: 0 };

/** Every textual view of an error and its cause chain. */
export function errorViews(error: unknown): string[] {
  const views: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      views.push(String(current), current.message, current.stack ?? '');
      views.push(JSON.stringify(current));
      views.push(inspect(current, { depth: 5 }));
      current = current.cause;
    } else {
      views.push(String(current), inspect(current, { depth: 5 }));
      current = undefined;
    }
  }
  return views;
}

/** Fails when any view of `error` holds the secret, the password or a fingerprint. */
export function assertNothingLeaks(error: unknown, extraSecrets: readonly string[] = []): void {
  scanned.count++;
  for (const view of errorViews(error)) {
    for (const secret of [SECRET, PASSWORD, ...extraSecrets]) {
      assert.ok(!view.includes(secret), `an error view leaks a secret: ${view.slice(0, 120)}`);
    }
    assert.ok(!HEX_FINGERPRINT.test(view), 'an error view holds a fingerprint');
  }
}

/** Runs `action`, expects a QentaError with `code`, scans it for leaks and returns it. */
export async function captureError(
  action: () => unknown,
  code: QentaErrorCode,
  extraSecrets: readonly string[] = [],
): Promise<QentaError> {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught !== undefined, `expected a QentaError ${code}, but nothing was thrown`);
  assertNothingLeaks(caught, extraSecrets);
  assert.ok(isQentaError(caught), `expected a QentaError, got ${String(caught)}`);
  assert.equal(caught.code, code, `expected ${code}, got ${caught.code}: ${caught.message}`);
  return caught;
}
