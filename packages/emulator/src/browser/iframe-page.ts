/**
 * The HTML of the SAQ-A card iframe (qenta-protocol §6.5): the field ids, rows, labels and
 * classes a shop's `iframeCssUrl` targets, the `creditcardShow…` flags and placeholders given at
 * data storage init. No inline script or style: behaviour comes from `iframe.js`, looks from
 * `iframe.css` and the shop's stylesheet.
 */
import type { DataStorage } from '../context.ts';
import { escapeHtml } from '../http.ts';

/** What the iframe page needs. */
export interface IframePageInput {
  storage: DataStorage;
  paymentType: string;
  /** The embedding page's origin, already checked. */
  parentOrigin: string;
  /** e.g. `http://127.0.0.1:8899/seamless`. */
  baseUrl: string;
  now: number;
}

const LABELS = {
  en: {
    cardholder: 'Cardholder name',
    pan: 'Card number',
    expiry: 'Expiry date',
    cvc: 'Card security code',
    issueDate: 'Issue date',
    issueNumber: 'Issue number',
    month: 'Month',
    year: 'Year',
    title: 'Card details',
    googlePay: 'Google Pay is simulated by the emulator.',
  },
  de: {
    cardholder: 'Karteninhaber',
    pan: 'Kartennummer',
    expiry: 'Ablaufdatum',
    cvc: 'Kartenprüfnummer',
    issueDate: 'Ausgabedatum',
    issueNumber: 'Ausgabenummer',
    month: 'Monat',
    year: 'Jahr',
    title: 'Kartendaten',
    googlePay: 'Google Pay wird vom Emulator simuliert.',
  },
};

/**
 * The iframe document.
 *
 * @example
 * ```ts
 * const html = iframePage({ storage, paymentType: 'CCARD', parentOrigin, baseUrl, now: Date.now() });
 * ```
 */
export function iframePage(input: IframePageInput): string {
  const { storage } = input;
  const language = storage.language.toLowerCase() === 'de' ? 'de' : 'en';
  const text = LABELS[language];
  const option = (name: string) => storage.iframeOptions[name];
  const flag = (name: string, fallback: boolean) => {
    const value = option(name);
    return value === undefined ? fallback : value.toLowerCase() === 'true';
  };
  const placeholder = (name: string) => {
    const value = option(name);
    return value ? ` placeholder="${escapeHtml(value)}"` : '';
  };
  const cssUrl = safeCssUrl(option('iframeCssUrl'));
  const body =
    input.paymentType === 'GOOGLEPAY'
      ? `<p class="fieldrow">${escapeHtml(text.googlePay)}</p>`
      : [
          flag('creditcardShowCardholderNameField', true)
            ? textRow(
                'cardholder',
                text.cardholder,
                placeholder('creditcardCardholderNamePlaceholder'),
                'cc-name',
                false,
              )
            : '',
          textRow('pan', text.pan, placeholder('creditcardPanPlaceholder'), 'cc-number', true),
          dateRow({
            row: 'row-expiry',
            label: text.expiry,
            ids: ['expiryMonth', 'expiryYear'],
            years: yearRange(new Date(input.now).getUTCFullYear(), 0, 15),
            placeholder: flag('creditcardShowExpirationDatePlaceholder', true),
            text,
            required: true,
          }),
          flag('creditcardShowCvcField', true)
            ? textRow('cvc', text.cvc, placeholder('creditcardCvcPlaceholder'), 'cc-csc', true)
            : '',
          flag('creditcardShowIssueDateField', false)
            ? dateRow({
                row: 'row-issuedate',
                label: text.issueDate,
                ids: ['issueMonth', 'issueYear'],
                years: yearRange(new Date(input.now).getUTCFullYear(), -15, 0),
                placeholder: flag('creditcardShowIssueDatePlaceholder', true),
                text,
                required: false,
              })
            : '',
          flag('creditcardShowIssueNumberField', false)
            ? textRow(
                'issueNumber',
                text.issueNumber,
                placeholder('creditcardIssueNumberPlaceholder'),
                'off',
                false,
              )
            : '',
        ].join('\n');
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(text.title)}</title>
<link rel="stylesheet" href="${escapeHtml(`${input.baseUrl}/dataStorage/assets/iframe.css`)}">
${cssUrl ? `<link rel="stylesheet" href="${escapeHtml(cssUrl)}">` : ''}
</head>
<body data-parent-origin="${escapeHtml(input.parentOrigin)}" data-storage-id="${escapeHtml(storage.storageId)}" data-payment-type="${escapeHtml(input.paymentType)}" data-store-url="${escapeHtml(`${input.baseUrl}/dataStorage/store`)}">
<form id="creditcardform" novalidate>
${body}
<div class="clearer"></div>
<div id="messagebox" role="alert"></div>
</form>
<script src="${escapeHtml(`${input.baseUrl}/dataStorage/assets/iframe.js`)}"></script>
</body>
</html>
`;
}

/**
 * The `iframeCssUrl` when it is an absolute http(s) URL, else undefined (never a `javascript:`
 * or data URL in a `<link>`).
 *
 * @example
 * ```ts
 * safeCssUrl('https://shop.example/pci3.css'); // 'https://shop.example/pci3.css'
 * ```
 */
export function safeCssUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function textRow(
  id: string,
  label: string,
  placeholder: string,
  autocomplete: string,
  required: boolean,
): string {
  const inputMode = id === 'cardholder' ? '' : ' inputmode="numeric"';
  return `<div id="row-${id}" class="fieldrow">
<label id="label_${id}" for="${id}" class="fieldlabel${required ? ' required' : ''}">${escapeHtml(label)}</label>
<input id="${id}" name="${id}" type="text" class="fieldtext" autocomplete="${autocomplete}"${inputMode}${placeholder}${required ? ' required' : ''}>
<div id="infobox_${id}" class="infobox"></div>
</div>`;
}

interface DateRow {
  row: string;
  label: string;
  ids: [string, string];
  years: number[];
  placeholder: boolean;
  text: { month: string; year: string };
  required: boolean;
}

function dateRow(input: DateRow): string {
  const [monthId, yearId] = input.ids;
  const months = Array.from({ length: 12 }, (_, index) => String(index + 1).padStart(2, '0'));
  const options = (values: string[], empty: string) =>
    (input.placeholder ? `<option value="">${escapeHtml(empty)}</option>` : '') +
    values.map((value) => `<option value="${value}">${value}</option>`).join('');
  return `<div id="${input.row}" class="fieldrow fieldrow-newline">
<span id="label_${monthId}" class="fieldlabel${input.required ? ' required' : ''}">${escapeHtml(input.label)}</span>
<select id="${monthId}" name="${monthId}" class="fieldselect" aria-label="${escapeHtml(`${input.label}: ${input.text.month}`)}">${options(months, 'MM')}</select>
<select id="${yearId}" name="${yearId}" class="fieldselect" aria-label="${escapeHtml(`${input.label}: ${input.text.year}`)}">${options(input.years.map(String), 'YYYY')}</select>
<div id="infobox_${monthId}" class="infobox"></div>
</div>`;
}

function yearRange(year: number, from: number, to: number): number[] {
  const years: number[] = [];
  for (let offset = from; offset <= to; offset++) years.push(year + offset);
  return years;
}
