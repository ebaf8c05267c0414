// The README says what the code does: the event table (issue 11: `change` is not composed, as a
// native input's) and the init endpoint's body (the element sends its language).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = (heading) => readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';

test('the Events section says change is not composed and input is, as on native inputs', () => {
  const events = section('Events');
  assert.doesNotMatch(events, /All bubble and are composed/);
  const row = (name) => events.split('\n').find((line) => line.startsWith(`| \`${name}\``)) ?? '';
  assert.match(row('change'), /not composed/);
  assert.match(row('input'), /(?<!not )composed/);
});

test('the init endpoint section documents the language the element sends and passes it on', () => {
  const init = section("The shop's init endpoint (`init-url`)");
  assert.match(init, /"language"/);
  assert.match(init, /language: body\.language/);
  assert.doesNotMatch(init, /language: 'en',/);
});
