// The widget must be importable during server-side rendering: no `window` or `document` at module
// top level, and nothing registered except by `define`. Runs in plain Node (no DOM) through tsx.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('index imports in Node without a DOM and defines nothing', async () => {
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.document, 'undefined');
  const module = await import('../src/index.ts');
  assert.equal(typeof module.QentaPaymentForm, 'function');
  assert.equal(globalThis.customElements?.get?.('qenta-payment-form'), undefined);
});

test('define registers the element once, also when imported twice', async () => {
  await import('../src/define.ts');
  await import('../src/define.ts?again');
  const { QentaPaymentForm } = await import('../src/index.ts');
  assert.equal(globalThis.customElements.get('qenta-payment-form'), QentaPaymentForm);
});

test('the German strings and the lazy modules import without a DOM too', async () => {
  const { de } = await import('../src/locales/de.ts');
  const { en } = await import('../src/locales/en.ts');
  for (const key of Object.keys(en)) assert.equal(typeof de[key], 'string', key);
  await import('../src/internal/test-mode.ts');
  await import('../src/internal/bank-fields.ts');
});

test('custom-elements.json matches the element source (run `node scripts/manifest.mjs`)', async () => {
  const { readFileSync } = await import('node:fs');
  const { buildManifest } = await import('../scripts/manifest.mjs');
  const committed = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url)));
  assert.deepEqual(committed, buildManifest());
  const element = committed.modules[0].declarations[0];
  assert.equal(element.tagName, 'qenta-payment-form');
  assert.ok(element.attributes.some((attribute) => attribute.name === 'init-url'));
  assert.equal(element.cssStates.length, 5);
});
