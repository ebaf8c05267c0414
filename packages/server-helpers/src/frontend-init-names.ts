/**
 * The parameter names of frontend init (qenta-protocol §3.3), in canonical spelling. Anything
 * else a shop sends is a custom parameter, echoed to its confirmUrl (§2.6). The client refuses
 * custom parameters with these names; the emulator tells them apart with this list.
 */
import { BASKET_ITEM_FIELDS } from './fingerprint-orders.ts';

const ADDRESS_FIELDS = [
  'Firstname',
  'Lastname',
  'Address1',
  'Address2',
  'City',
  'Country',
  'State',
  'ZipCode',
  'Phone',
  'Fax',
];

/**
 * Every protocol name frontend init knows (basket item names are matched by
 * {@link canonicalBasketName}).
 *
 * @example
 * ```ts
 * FRONTEND_INIT_NAMES.includes('consumerBillingCity'); // true
 * ```
 */
export const FRONTEND_INIT_NAMES: readonly string[] = [
  'customerId',
  'shopId',
  'language',
  'paymentType',
  'amount',
  'currency',
  'orderDescription',
  'successUrl',
  'cancelUrl',
  'failureUrl',
  'serviceUrl',
  'confirmUrl',
  'pendingUrl',
  'consumerIpAddress',
  'consumerUserAgent',
  'requestFingerprintOrder',
  'requestFingerprint',
  'financialInstitution',
  'storageId',
  'orderIdent',
  'windowName',
  'duplicateRequestCheck',
  'autoDeposit',
  'customerStatement',
  'orderReference',
  'orderNumber',
  'transactionIdentifier',
  'confirmMail',
  'pluginVersion',
  'consumerMerchantCrmId',
  'noScriptInfoUrl',
  'riskSuppress',
  'riskConfigAlias',
  'consumerDeviceId',
  'paymentToken',
  'browserData',
  'consumerEmail',
  'consumerBirthDate',
  'consumerTaxIdentificationNumber',
  'consumerDriversLicenseNumber',
  'consumerDriversLicenseCountry',
  'consumerDriversLicenseState',
  'companyName',
  'companyVatId',
  'companyTradeRegistryNumber',
  'companyRegisterKey',
  // §3.3: what the official library actually emits for the B2B fields (prefix bug).
  'consumercompanyName',
  'consumercompanyVatId',
  'consumercompanyTradeRegistryNumber',
  'basketItems',
  ...['Billing', 'Shipping'].flatMap((kind) =>
    ADDRESS_FIELDS.map((field) => `consumer${kind}${field}`),
  ),
];

/**
 * The canonical spelling of a basket item name (`basketitem1articlenumber` →
 * `basketItem1ArticleNumber`, §2.5 / §11.1), or undefined for other names.
 *
 * @example
 * ```ts
 * canonicalBasketName('basketItem2unitGrossAmount'); // 'basketItem2UnitGrossAmount'
 * ```
 */
export function canonicalBasketName(name: string): string | undefined {
  const match = /^basketitem(\d+)([a-z]+)$/i.exec(name);
  if (!match) return undefined;
  const field = BASKET_ITEM_FIELDS.find((f) => f.toLowerCase() === match[2]?.toLowerCase());
  return field === undefined ? undefined : `basketItem${match[1]}${field}`;
}
