/**
 * The payment page's texts in the languages the emulator speaks (the frontend init `language`;
 * anything but `de` gets English).
 */

/** Every text of the payment page. */
export interface PaymentPageStrings {
  lang: string;
  authenticateTitle: string;
  chooseTitle: string;
  finishedTitle: string;
  /** `{0}` = the payment state. */
  finished: string;
  notice: string;
  summary: string;
  merchant: string;
  orderNumber: string;
  amount: string;
  description: string;
  paymentType: string;
  card: string;
  iban: string;
  financialInstitution: string;
  authenticateHeading: string;
  /** `{0}` = the test password. */
  authenticateHint: string;
  password: string;
  authenticate: string;
  chooseHeading: string;
  outcomeGroup: string;
  outcomes: { SUCCESS: string; CANCEL: string; FAILURE: string; PENDING: string };
  notPossible: string;
  unknownTitle: string;
  unknown: string;
}

const EN: PaymentPageStrings = {
  lang: 'en',
  authenticateTitle: '3-D Secure authentication',
  chooseTitle: 'Emulated payment',
  finishedTitle: 'Payment finished',
  finished: 'This payment ended with {0}. You can close this page.',
  notice: 'QENTA emulator: no real money moves.',
  summary: 'Order summary',
  merchant: 'Merchant',
  orderNumber: 'Order number',
  amount: 'Amount',
  description: 'Description',
  paymentType: 'Payment type',
  card: 'Card',
  iban: 'IBAN',
  financialInstitution: 'Financial institution',
  authenticateHeading: 'Authenticate with your card issuer',
  authenticateHint:
    'This card is enrolled in 3-D Secure. Test password: {0} (any other password fails).',
  password: '3-D Secure password',
  authenticate: 'Authenticate',
  chooseHeading: 'Choose the outcome',
  outcomeGroup: 'Payment outcome',
  outcomes: { SUCCESS: 'Success', CANCEL: 'Cancel', FAILURE: 'Failure', PENDING: 'Pending' },
  notPossible: 'That action is not possible at this stage.',
  unknownTitle: 'Unknown payment',
  unknown: 'This payment session does not exist.',
};

const DE: PaymentPageStrings = {
  lang: 'de',
  authenticateTitle: '3-D Secure Authentifizierung',
  chooseTitle: 'Simulierte Zahlung',
  finishedTitle: 'Zahlung abgeschlossen',
  finished: 'Diese Zahlung endete mit {0}. Sie können diese Seite schließen.',
  notice: 'QENTA-Emulator: Es wird kein echtes Geld bewegt.',
  summary: 'Bestellübersicht',
  merchant: 'Händler',
  orderNumber: 'Bestellnummer',
  amount: 'Betrag',
  description: 'Beschreibung',
  paymentType: 'Zahlungsmittel',
  card: 'Karte',
  iban: 'IBAN',
  financialInstitution: 'Finanzinstitut',
  authenticateHeading: 'Bei Ihrer Bank authentifizieren',
  authenticateHint:
    'Diese Karte nimmt an 3-D Secure teil. Test-Passwort: {0} (jedes andere Passwort schlägt fehl).',
  password: '3-D Secure Passwort',
  authenticate: 'Authentifizieren',
  chooseHeading: 'Ergebnis wählen',
  outcomeGroup: 'Ergebnis der Zahlung',
  outcomes: {
    SUCCESS: 'Erfolg',
    CANCEL: 'Abbrechen',
    FAILURE: 'Fehlschlag',
    PENDING: 'Ausstehend',
  },
  notPossible: 'Diese Aktion ist in diesem Schritt nicht möglich.',
  unknownTitle: 'Unbekannte Zahlung',
  unknown: 'Diese Zahlung existiert nicht.',
};

/**
 * The texts for a frontend init `language`.
 *
 * @example
 * ```ts
 * paymentPageStrings('de').chooseTitle; // 'Simulierte Zahlung'
 * ```
 */
export function paymentPageStrings(language: string | undefined): PaymentPageStrings {
  return (language ?? '').toLowerCase() === 'de' ? DE : EN;
}
