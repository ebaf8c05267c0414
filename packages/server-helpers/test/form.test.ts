import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findFormFields } from '../src/form.ts';
import {
  confirmationResponse,
  decodeForm,
  encodeForm,
  errorBlockFields,
  fieldValue,
  indexedFields,
  indexedRecords,
  parseConfirmationResponse,
  parseErrorBlock,
  postLimitIssues,
} from '../src/protocol.ts';

describe('form codec (qenta-protocol §4.1)', () => {
  it('percent-encodes reserved characters and writes spaces as +', () => {
    assert.equal(
      encodeForm({ a: 'x y', b: 'https://h/p?q=1&r=2,3', c: undefined }),
      'a=x+y&b=https%3A%2F%2Fh%2Fp%3Fq%3D1%26r%3D2%2C3',
    );
  });

  it('decodes + and %20 alike and round-trips UTF-8', () => {
    const { fields } = decodeForm('a=x+y&b=x%20y&c=Gr%C3%BC%C3%9Fe&d');
    assert.deepEqual(fields, { a: 'x y', b: 'x y', c: 'Grüße', d: '' });
    assert.deepEqual(decodeForm(encodeForm({ v: 'ü & = , +' })).fields, { v: 'ü & = , +' });
  });

  it('keeps a malformed escape as it is instead of throwing', () => {
    assert.equal(decodeForm('a=100%zz').fields.a, '100%zz');
  });

  it('reports repeated names and the pair count', () => {
    const decoded = decodeForm('a=1&b=2&a=3');
    assert.deepEqual(decoded.duplicateKeys, ['a']);
    assert.equal(decoded.fields.a, '3');
    assert.equal(decoded.count, 3);
  });

  it('finds the first value of a few fields without decoding the rest of the body', () => {
    const body = `${'junk&'.repeat(1000)}order%4Eumber=5+1&orderNumber=6&paymentState&${'x'.repeat(9)}`;
    const found = findFormFields(body, ['orderNumber', 'paymentState', 'absent']);
    assert.deepEqual(
      [...found],
      [
        ['orderNumber', '5 1'],
        ['paymentState', ''],
      ],
    );
    assert.deepEqual([...findFormFields('a=1&a=2', ['a'])], [['a', '1']]);
  });

  it('treats __proto__ as data and finds no prototype members', () => {
    const { fields } = decodeForm('__proto__=x&a=1');
    assert.equal(Object.getPrototypeOf(fields), Object.prototype);
    assert.equal(fieldValue(fields, '__proto__'), 'x');
    assert.equal(fieldValue(fields, 'constructor'), undefined);
  });

  it('collects indexed records in index order, 1-based on the wire', () => {
    const { fields } = decodeForm(
      'payment.1.2.state=payment_deposited&payment.1.1.state=payment_approved&order.1.orderNumber=5&x.0.y=ignored',
    );
    assert.deepEqual(indexedRecords(fields, 'payment.1'), [
      { state: 'payment_approved' },
      { state: 'payment_deposited' },
    ]);
    assert.deepEqual(indexedRecords(fields, 'order'), [{ orderNumber: '5' }]);
    assert.deepEqual(indexedRecords(fields, 'x'), []);
    assert.deepEqual(indexedRecords(indexedFields('p', [{ a: '1' }, { b: '2' }]), 'p'), [
      { a: '1' },
      { b: '2' },
    ]);
  });
});

describe('error block (qenta-protocol §4.2)', () => {
  it('parses the captured backend error body', () => {
    const body =
      'error.1.errorCode=11011&error.1.message=Order+number+is+missing.&error.1.consumerMessage=Order+number+is+missing.&errors=1&status=1';
    assert.deepEqual(parseErrorBlock(decodeForm(body).fields), [
      {
        errorCode: '11011',
        message: 'Order number is missing.',
        consumerMessage: 'Order number is missing.',
      },
    ]);
  });

  it('round-trips two errors with optional messages', () => {
    const errors = [
      { errorCode: '11017', message: 'Amount is missing.', consumerMessage: 'Betrag fehlt.' },
      {
        errorCode: '18051',
        message: 'PAYMENTTYPE is invalid.',
        consumerMessage: 'PAYMENTTYPE ist ung&#252;ltig.',
        paySysMessage: 'x',
      },
    ];
    const fields = errorBlockFields(errors);
    assert.equal(fields.errors, '2');
    assert.deepEqual(parseErrorBlock(decodeForm(encodeForm(fields)).fields), errors);
  });

  it('accepts the underscore names a PHP front end produces', () => {
    assert.equal(
      parseErrorBlock({ error_1_errorCode: '11009', error_1_message: 'Language is missing.' })[0]
        ?.errorCode,
      '11009',
    );
  });
});

describe('POST limits (qenta-protocol §10)', () => {
  it('accepts fields at the limits and names each field beyond them', () => {
    assert.deepEqual(postLimitIssues({ ['n'.repeat(64)]: 'v'.repeat(65000) }), []);
    const issues = postLimitIssues({ ['n'.repeat(65)]: 'v', big: 'v'.repeat(65001) });
    assert.deepEqual(
      issues.map((issue) => issue.path),
      ['n'.repeat(64), 'big'],
    );
    assert.ok(issues.every((issue) => !issue.message.includes('vvv')));
  });

  it('counts parameters', () => {
    assert.equal(postLimitIssues({}, 12001).length, 1);
  });
});

describe('confirmation answers (qenta-protocol §5.3)', () => {
  it('writes the exact strings the gateway expects', () => {
    assert.equal(confirmationResponse({ ok: true }), '<QPAY-CONFIRMATION-RESPONSE result="OK" />');
    assert.equal(
      confirmationResponse({ ok: false, message: 'db "down"' }),
      '<QPAY-CONFIRMATION-RESPONSE result="NOK" message="db &quot;down&quot;" />',
    );
  });

  it('reads plain, wrapped and NOK answers and rejects anything else', () => {
    assert.deepEqual(
      parseConfirmationResponse('<!--<QPAY-CONFIRMATION-RESPONSE result="OK" />-->'),
      {
        ok: true,
      },
    );
    assert.deepEqual(
      parseConfirmationResponse(confirmationResponse({ ok: false, message: 'a "b"' })),
      { ok: false, message: 'a "b"' },
    );
    assert.equal(parseConfirmationResponse('OK'), undefined);
  });
});
