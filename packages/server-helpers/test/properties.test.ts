/**
 * Property-based tests (issue 10, "Also"): the form codec, fingerprint order handling and
 * verifyConfirmation hold for any input fast-check finds, not only for the examples elsewhere.
 * Runs are kept moderate so the suite stays fast; a failure prints its seed to replay it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  isQentaError,
  QENTA_ERROR_CODES,
  type QentaErrorCode,
  verifyConfirmation,
} from '../src/index.ts';
import {
  checkFingerprintOrder,
  decodeForm,
  encodeForm,
  parseFingerprintOrder,
} from '../src/protocol.ts';
import { signTestConfirmation } from '../src/testing.ts';

const SECRET = 'B8AKTPWBRMNBV455FG6M2DANE99WU2';
const RUNS = { numRuns: 200 };

// Any UTF-16 code unit, lone surrogates included: what a hostile body can hold.
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
// Text rich in what the codec treats specially.
const special = fc.constantFrom('%', '+', '=', '&', ',', ' ', '%2', '%zz', '%C3', '%A4', '\u00e4');
const hostileText = fc.string({ unit: fc.oneof(codeUnit, special), maxLength: 40 });
const anyText = fc.string({ unit: 'binary', maxLength: 30 });

/** Stable codes verifyConfirmation may refuse with; anything else thrown is a defect. */
function refusalCode(action: () => unknown): QentaErrorCode | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    assert.ok(isQentaError(error), `threw a non-QentaError: ${String(error)}`);
    assert.ok(QENTA_ERROR_CODES.includes(error.code));
    return error.code;
  }
}

const PROTOCOL_NAMES = [
  'paymentState',
  'orderNumber',
  'amount',
  'currency',
  'paymentType',
  'language',
  'responseFingerprintOrder',
  'responseFingerprint',
  'secret',
  'errors',
  'error.1.errorCode',
];

describe('form codec properties', () => {
  it('round-trips any fields (valid Unicode names and values)', () => {
    fc.assert(
      fc.property(fc.dictionary(anyText, anyText, { maxKeys: 8 }), (fields) => {
        const decoded = decodeForm(encodeForm(fields));
        assert.deepEqual(decoded.fields, { ...fields });
        assert.equal(decoded.count, Object.keys(fields).length);
        assert.deepEqual(decoded.duplicateKeys, []);
      }),
      RUNS,
    );
  });

  it('decodes any body without throwing, lone surrogates and broken escapes included', () => {
    fc.assert(
      fc.property(hostileText, (body) => {
        const decoded = decodeForm(body);
        assert.ok(decoded.count >= 0);
      }),
      RUNS,
    );
  });

  it('verifyConfirmation returns or refuses any body with a stable code, never anything else', () => {
    const pair = fc.tuple(fc.oneof(fc.constantFrom(...PROTOCOL_NAMES), hostileText), hostileText);
    const body = fc.oneof(
      hostileText,
      fc.array(pair, { maxLength: 12 }).map((pairs) => new URLSearchParams(pairs).toString()),
      fc.array(pair, { maxLength: 12 }).map((pairs) => pairs.map((p) => p.join('=')).join('&')),
    );
    fc.assert(
      fc.property(body, (text) => {
        refusalCode(() => verifyConfirmation(text, { secret: SECRET }));
      }),
      RUNS,
    );
  });
});

// Order names as the gateway writes them: identifiers, no commas or edge spaces.
const orderName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.]{0,15}$/);
/** Up to 20 order names, distinct without regard to case (as the order check compares them). */
const distinctNames = (minLength: number) =>
  fc.uniqueArray(orderName, { selector: (n) => n.toLowerCase(), minLength, maxLength: 20 });

describe('fingerprint order properties', () => {
  it('agrees with parseFingerprintOrder for any order of distinct names', () => {
    fc.assert(
      fc.property(distinctNames(0), (names) => {
        const text = names.join(',');
        const checked = checkFingerprintOrder(text, names.length);
        assert.deepEqual(checked, { ok: true, names: parseFingerprintOrder(text) });
      }),
      RUNS,
    );
  });

  it('refuses any order that repeats a name, in any case, wherever the repeat is', () => {
    fc.assert(
      fc.property(distinctNames(1), fc.nat(), fc.nat(), fc.boolean(), (names, pick, at, upper) => {
        const repeated = names[pick % names.length] as string;
        const copy = upper ? repeated.toUpperCase() : repeated;
        const withRepeat = [...names];
        withRepeat.splice(at % (names.length + 1), 0, copy);
        const checked = checkFingerprintOrder(withRepeat.join(','), 1000);
        assert.deepEqual(checked, { ok: false, problem: 'repeated-name' });
      }),
      RUNS,
    );
  });

  it('refuses any order with more field names than the body has fields', () => {
    fc.assert(
      fc.property(distinctNames(1), fc.nat(), (names, fewer) => {
        const fieldNames = names.filter((name) => name !== 'secret').length;
        if (fieldNames === 0) return;
        const fieldCount = fewer % fieldNames;
        const checked = checkFingerprintOrder(names.join(','), fieldCount);
        assert.deepEqual(checked, { ok: false, problem: 'too-many-names' });
      }),
      RUNS,
    );
  });
});

// A genuine-looking SUCCESS: required fields in their formats plus custom fields.
const customName = fc
  .stringMatching(/^[a-z][A-Za-z0-9]{0,10}$/)
  .filter((name) => !PROTOCOL_NAMES.some((known) => known.toLowerCase() === name.toLowerCase()));
const signedConfirmation = fc
  .record({
    orderNumber: fc.stringMatching(/^[1-9][0-9]{0,8}$/),
    amount: fc.stringMatching(/^[0-9]{1,6}(?:\.[0-9]{1,2})?$/),
    currency: fc.constantFrom('EUR', 'USD', 'CHF', '978'),
    paymentType: fc.constantFrom('CCARD', 'PAYPAL', 'SEPA-DD', 'EPS'),
    language: fc.constantFrom('en', 'de', 'fr'),
    paymentState: fc.constantFrom('SUCCESS', 'PENDING'),
    custom: fc.dictionary(customName, anyText, { maxKeys: 4 }),
  })
  .map(({ custom, ...required }) => ({ ...required, ...custom }));

const nonEmpty = (fields: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));

describe('verifyConfirmation properties', () => {
  it('verifies every genuine signed confirmation and returns its fields as sent', () => {
    fc.assert(
      fc.property(signedConfirmation, (fields) => {
        const result = verifyConfirmation(signTestConfirmation(fields, { secret: SECRET }), {
          secret: SECRET,
        });
        assert.ok(result.verified);
        const { responseFingerprintOrder: _order, ...signed } = result.fields;
        assert.deepEqual(signed, fields);
      }),
      RUNS,
    );
  });

  it('refuses any single-character change to a signed body, unless nothing the shop reads changed', () => {
    const change = fc.tuple(
      signedConfirmation,
      fc.nat(),
      fc.oneof(
        codeUnit,
        special.map((s) => s.charAt(0)),
      ),
    );
    fc.assert(
      fc.property(change, ([fields, position, replacement]) => {
        const body = signTestConfirmation(fields, { secret: SECRET });
        const index = position % body.length;
        fc.pre(body[index] !== replacement);
        const changed = `${body.slice(0, index)}${replacement}${body.slice(index + 1)}`;
        const original = verifyConfirmation(body, { secret: SECRET });
        let result: ReturnType<typeof verifyConfirmation> | undefined;
        const code = refusalCode(() => {
          result = verifyConfirmation(changed, { secret: SECRET });
        });
        if (code !== undefined) return;
        // Accepted: only a change that decodes to the same signed values may pass (hex case of
        // the fingerprint, `+` written as a raw space, an escape in the other case, or a signed
        // field that was empty renamed: absent and empty sign alike, qenta-protocol §2.1 step 5,
        // and the renamed one lands in `untrusted`, which proves nothing by definition).
        assert.ok(result?.verified && original.verified);
        assert.deepEqual(nonEmpty(result.fields), nonEmpty(original.fields));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a body the same whether it is small or large (empty pairs padding it past 8 KiB)', () => {
    const outcome = (text: string) => {
      try {
        return verifyConfirmation(text, { secret: SECRET });
      } catch (error) {
        return isQentaError(error) ? error.code : error;
      }
    };
    const body = fc.oneof(
      hostileText,
      signedConfirmation.map((fields) => signTestConfirmation(fields, { secret: SECRET })),
    );
    fc.assert(
      fc.property(body, (text) => {
        assert.deepEqual(outcome(`${text}${'&'.repeat(9000)}`), outcome(text));
      }),
      RUNS,
    );
  });

  it('refuses any signed confirmation whose order names a field twice', () => {
    fc.assert(
      fc.property(
        signedConfirmation,
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (fields, pick, at, upper) => {
          const names = Object.keys(fields);
          const repeated = names[pick % names.length] as string;
          const order = [...names, 'secret', 'responseFingerprintOrder'];
          order.splice(at % (order.length + 1), 0, upper ? repeated.toUpperCase() : repeated);
          const body = signTestConfirmation(fields, { secret: SECRET, order });
          assert.equal(
            refusalCode(() => verifyConfirmation(body, { secret: SECRET })),
            'FINGERPRINT_ORDER_INVALID',
          );
        },
      ),
      RUNS,
    );
  });
});
