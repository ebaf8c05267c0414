import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dataStorageScript } from '../src/browser/data-storage-routes.ts';
import { iframePage } from '../src/browser/iframe-page.ts';
import type { DataStorage } from '../src/context.ts';

function storage(iframeOptions: Record<string, string>, language = 'en'): DataStorage {
  return {
    storageId: 'a'.repeat(32),
    customerId: 'D200001',
    shopId: 'qmore',
    orderIdent: 'o1',
    returnUrl: 'https://shop.example/return',
    language,
    javascriptScriptVersion: 'pci3',
    iframeOptions,
    paymentInformation: new Map(),
    sensitive: new Map(),
    createdAt: 0,
    lastAccessAt: 0,
  };
}

function page(options: Record<string, string>, language = 'en'): string {
  return iframePage({
    storage: storage(options, language),
    paymentType: 'CCARD',
    parentOrigin: 'https://shop.example',
    baseUrl: 'http://127.0.0.1:1/seamless',
    now: Date.UTC(2026, 0, 1),
  });
}

describe('SAQ-A iframe page', () => {
  it('has the field ids, rows, labels and classes of §6.5', () => {
    const html = page({});
    for (const id of ['cardholder', 'pan', 'expiryMonth', 'expiryYear', 'cvc']) {
      assert.match(html, new RegExp(`id="${id}"`), id);
    }
    for (const row of ['row-cardholder', 'row-pan', 'row-expiry', 'row-cvc']) {
      assert.match(html, new RegExp(`id="${row}"`), row);
    }
    assert.match(html, /id="label_pan" for="pan" class="fieldlabel required"/);
    assert.match(html, /class="fieldtext"/);
    assert.match(html, /class="fieldselect"/);
    assert.match(html, /id="messagebox"/);
    assert.doesNotMatch(html, /id="issueNumber"/);
    assert.doesNotMatch(html, /<script>|style=/, 'no inline script or style');
  });

  it('follows the creditcardShow… flags and escapes placeholders', () => {
    const html = page({
      creditcardShowCvcField: 'false',
      creditcardShowCardholderNameField: 'false',
      creditcardShowIssueNumberField: 'true',
      creditcardShowIssueDateField: 'true',
      creditcardPanPlaceholder: '"><script>x</script>',
    });
    assert.doesNotMatch(html, /id="cvc"/);
    assert.doesNotMatch(html, /id="cardholder"/);
    assert.match(html, /id="issueNumber"/);
    assert.match(html, /id="row-issuedate"/);
    assert.match(html, /placeholder="&quot;&gt;&lt;script&gt;x&lt;\/script&gt;"/);
  });

  it('links an http(s) iframeCssUrl only, and speaks German for de storages', () => {
    assert.match(
      page({ iframeCssUrl: 'https://shop.example/pci3.css' }),
      /href="https:\/\/shop\.example\/pci3\.css"/,
    );
    assert.doesNotMatch(page({ iframeCssUrl: 'javascript:alert(1)' }), /javascript:/);
    assert.match(page({}, 'de'), /Kartennummer/);
  });
});

describe('data-storage script', () => {
  it('embeds its configuration as a literal that cannot close the script element', () => {
    const script = dataStorageScript(
      { origin: 'http://127.0.0.1:1', baseUrl: 'http://127.0.0.1:1/seamless' },
      { storageId: 'b'.repeat(32), javascriptScriptVersion: '</script>', language: 'en' },
    );
    assert.ok(!script.includes('</script>'));
    assert.ok(script.includes('\\u003c/script>'));
    assert.ok(script.includes(`"storeUrl":"http://127.0.0.1:1/seamless/dataStorage/store"`));
    assert.ok(!script.includes('/*CONFIG*/'));
    assert.doesNotMatch(script, /\beval\(|new Function/);
  });
});
