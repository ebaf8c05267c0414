/**
 * Payment types and financial institutions the emulator knows (qenta-protocol §7).
 */

/**
 * Every `paymentType` value of §7.1: the official library's list plus the values the 2022
 * example shop offers.
 *
 * @example
 * ```ts
 * PAYMENT_TYPES.includes('PAYPAL'); // true
 * ```
 */
export const PAYMENT_TYPES = [
  'BANCONTACT_MISTERCASH',
  'CCARD',
  'CCARD-MOTO',
  'EKONTO',
  'EPAY_BG',
  'EPS',
  'GIROPAY',
  'IDL',
  'INSTALLMENT',
  'INVOICE',
  'MAESTRO',
  'MASTERPASS',
  'MONETA',
  'MPASS',
  'PRZELEWY24',
  'PAYPAL',
  'PBX',
  'POLI',
  'PSC',
  'QUICK',
  'SEPA-DD',
  'SKRILLDIRECT',
  'SKRILLWALLET',
  'SOFORTUEBERWEISUNG',
  'TATRAPAY',
  'TRUSTLY',
  'TRUSTPAY',
  'VOUCHER',
  'AFTERPAY',
  'CRYPTO',
  'CVSPHARMACY',
  'DOLLARGENERAL',
  'CIRCLEK',
  'OPENBUCKSCARD',
  'PAGOEFECTIVO',
  'SAFETYPAY',
] as const;

/** One bank or brand a consumer can pick. */
export interface FinancialInstitutionEntry {
  id: string;
  name: string;
}

const EPS: readonly FinancialInstitutionEntry[] = [
  { id: 'ARZ|AB', name: 'Apothekerbank' },
  { id: 'ARZ|AAB', name: 'Austrian Anadi Bank AG' },
  { id: 'ARZ|BAF', name: 'Ärztebank' },
  { id: 'BA-CA', name: 'Bank Austria' },
  { id: 'ARZ|BCS', name: 'Bankhaus Carl Spängler & Co. AG' },
  { id: 'ARZ|BSS', name: 'Bankhaus Schelhammer & Schattera AG' },
  { id: 'Bawag|BG', name: 'BAWAG P.S.K. AG' },
  { id: 'ARZ|BKS', name: 'BKS Bank AG' },
  { id: 'ARZ|BKB', name: 'Brüll Kallmus Bank AG' },
  { id: 'ARZ|BTV', name: 'BTV VIER LÄNDER BANK' },
  { id: 'ARZ|CBGG', name: 'Capital Bank Grawe Gruppe AG' },
  { id: 'ARZ|VB', name: 'Volksbank Gruppe' },
  { id: 'ARZ|DB', name: 'Dolomitenbank' },
  { id: 'Bawag|EB', name: 'Easybank AG' },
  { id: 'Spardat|EBS', name: 'Erste Bank und Sparkassen' },
  { id: 'ARZ|HAA', name: 'Hypo Alpe-Adria-Bank International AG' },
  { id: 'ARZ|VLH', name: 'Hypo Landesbank Vorarlberg' },
  { id: 'ARZ|HI', name: 'HYPO NOE Gruppe Bank AG' },
  { id: 'ARZ|NLH', name: 'HYPO NOE Landesbank AG' },
  { id: 'Hypo-Racon|O', name: 'Hypo Oberösterreich' },
  { id: 'Hypo-Racon|S', name: 'Hypo Salzburg' },
  { id: 'Hypo-Racon|St', name: 'Hypo Steiermark' },
  { id: 'ARZ|HTB', name: 'Hypo Tirol Bank AG' },
  { id: 'BB-Racon', name: 'HYPO-BANK BURGENLAND Aktiengesellschaft' },
  { id: 'ARZ|IB', name: 'Immo-Bank' },
  { id: 'ARZ|OB', name: 'Oberbank AG' },
  { id: 'Racon', name: 'Raiffeisen Bankengruppe Österreich' },
  { id: 'ARZ|SB', name: 'Schoellerbank AG' },
  { id: 'Bawag|SBW', name: 'Sparda Bank Wien' },
  { id: 'ARZ|SBA', name: 'SPARDA-BANK AUSTRIA' },
  { id: 'ARZ|VKB', name: 'Volkskreditbank AG' },
  { id: 'ARZ|VRB', name: 'VR-Bank Braunau' },
];

const IDL: readonly FinancialInstitutionEntry[] = [
  { id: 'ABNAMROBANK', name: 'ABN AMRO Bank' },
  { id: 'ASNBANK', name: 'ASN Bank' },
  { id: 'BUNQ', name: 'bunq' },
  { id: 'INGBANK', name: 'ING' },
  { id: 'KNAB', name: 'knab' },
  { id: 'RABOBANK', name: 'Rabobank' },
  { id: 'SNSBANK', name: 'SNS Bank' },
  { id: 'REGIOBANK', name: 'RegioBank' },
  { id: 'TRIODOSBANK', name: 'Triodos Bank' },
  { id: 'VANLANSCHOT', name: 'van Lanschot' },
];

// No source lists TrustPay's banks (§7.3: fetched at run time); these are the emulator's own
// demo entries, marked as such.
const TRUSTPAY: readonly FinancialInstitutionEntry[] = [
  { id: 'DEMO-TP-SK', name: 'Demo Bank Slovakia (emulator)' },
  { id: 'DEMO-TP-CZ', name: 'Demo Bank Czechia (emulator)' },
];

const AFTERPAY: readonly FinancialInstitutionEntry[] = [
  { id: 'AFTERPAY-INST', name: 'AfterPay Installments' },
  { id: 'AFTERPAY-INV', name: 'AfterPay Invoice' },
];

/**
 * The financial institutions per payment type (§7.3). EPS also accepts the example shop's
 * BAWAG codes `Bawag|B`, `Bawag|E`, `Bawag|S` (§12) on frontend init.
 *
 * @example
 * ```ts
 * FINANCIAL_INSTITUTIONS.IDL?.[0]?.id; // 'ABNAMROBANK'
 * ```
 */
export const FINANCIAL_INSTITUTIONS: Readonly<
  Record<string, readonly FinancialInstitutionEntry[]>
> = { EPS, IDL, TRUSTPAY, AFTERPAY };

const EPS_ALIASES = ['Bawag|B', 'Bawag|E', 'Bawag|S'];

/**
 * Whether frontend init may preselect this institution for the payment type. Types without a
 * list accept any value (card brands, for example, are free text, §7.3).
 *
 * @example
 * ```ts
 * acceptsFinancialInstitution('EPS', 'Bawag|B'); // true
 * acceptsFinancialInstitution('IDL', 'NOBANK'); // false
 * ```
 */
export function acceptsFinancialInstitution(paymentType: string, id: string): boolean {
  const list = FINANCIAL_INSTITUTIONS[paymentType];
  if (list === undefined) return true;
  if (paymentType === 'EPS' && EPS_ALIASES.includes(id)) return true;
  return list.some((entry) => entry.id === id);
}
