import type { Strings } from './en.ts';

/**
 * German strings; loaded only when the element's language is `de` (kept out of the main bundle).
 *
 * @example
 * ```ts
 * import { de } from '@qenta-seamless/widget/locales/de';
 * ```
 */
export const de: Strings = {
  cardholdername: 'Name auf der Karte',
  pan: 'Kartennummer',
  expiry: 'Ablaufdatum',
  expirationMonth: 'Monat (MM)',
  expirationYear: 'Jahr (JJJJ)',
  cardverifycode: 'Prüfnummer (CVC)',
  accountOwner: 'Kontoinhaber',
  bankAccountIban: 'IBAN',
  bankBic: 'BIC (optional)',
  payerPayboxNumber: 'paybox-Nummer',
  bankAccount: 'Kontonummer',
  bankNumber: 'Bankleitzahl',
  voucherId: 'Gutscheincode',
  missing: 'Bitte füllen Sie dieses Feld aus.',
  invalidPan: 'Diese Kartennummer ist ungültig.',
  lengthPan: 'Falsche Anzahl an Ziffern.',
  expiryPast: 'Diese Karte ist abgelaufen.',
  expiryFormat: 'Bitte MM und JJJJ verwenden.',
  cvcLength: 'Bitte die {n}-stellige Prüfnummer eingeben.',
  invalidIban: 'Diese IBAN ist ungültig.',
  invalidFormat: 'Bitte prüfen Sie diese Eingabe.',
  required: 'Bitte geben Sie Ihre Zahlungsdaten ein.',
  loading: 'Zahlungsformular wird geladen…',
  ready: 'Zahlungsformular bereit.',
  storing: 'Wird gespeichert…',
  stored: 'Zahlungsdaten gespeichert.',
  storeFailed: 'Bitte prüfen Sie Ihre Zahlungsdaten.',
  loadFailed: 'Das Zahlungsformular konnte nicht geladen werden.',
  retry: 'Erneut versuchen',
  useAnotherCard: 'Andere Karte verwenden',
  useOtherDetails: 'Andere Daten verwenden',
  expires: 'Gültig bis {date}',
  testCards: 'Testkarten',
  testCardsPick: 'Testkarte wählen…',
  frameTitle: 'Kartendaten',
};
