// The test-mode picker's cards are a copy, as data, of the emulator's catalogue (the widget must
// not import the emulator at run time): this test keeps the copy equal to the one source.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TEST_CARDS } from '@qenta-seamless/emulator';
import { PICKER_CARDS } from '../src/internal/test-mode.ts';

test("the picker's cards are exactly the emulator's test cards: numbers, labels, types, order", () => {
  assert.deepEqual(
    PICKER_CARDS.map(({ pan, label, types }) => ({ pan, label, types: [...types] })),
    TEST_CARDS.map(({ pan, label, paymentTypes }) => ({ pan, label, types: [...paymentTypes] })),
  );
});
