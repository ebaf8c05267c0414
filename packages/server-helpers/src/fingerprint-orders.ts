/**
 * The fixed fingerprint orders of qenta-protocol §2.2, §2.3 and §2.5: the one place they are
 * written down. The client signs with them and the emulator checks with them.
 */

/** §2.2: data storage init. */
export const DATA_STORAGE_INIT_ORDER = [
  'customerId',
  'shopId',
  'orderIdent',
  'returnUrl',
  'language',
  'javascriptScriptVersion',
  'secret',
] as const;

/** §2.3: data storage read. */
export const DATA_STORAGE_READ_ORDER = ['customerId', 'shopId', 'storageId', 'secret'] as const;

/** §2.5: the prefix every backend operation's order starts with. */
export const BACKEND_ORDER_PREFIX = [
  'customerId',
  'shopId',
  'password',
  'secret',
  'language',
] as const;

/** The ten backend operations, spelled as in the URL path of the official library. */
export const BACKEND_OPERATIONS = [
  'approveReversal',
  'deposit',
  'depositReversal',
  'getOrderDetails',
  'recurPayment',
  'refund',
  'refundReversal',
  'transferFund',
  'getFinancialInstitutions',
  'generateOrderNumber',
] as const;

/** A backend operation name. */
export type BackendOperation = (typeof BACKEND_OPERATIONS)[number];

/** §2.5: `fundTransferType` values of transferFund. */
export const FUND_TRANSFER_TYPES = ['EXISTINGORDER', 'SKRILLWALLET', 'MONETA', 'SEPA-CT'] as const;

/** A transferFund type. */
export type FundTransferType = (typeof FUND_TRANSFER_TYPES)[number];

const OPERATION_TAILS: Record<Exclude<BackendOperation, 'transferFund'>, readonly string[]> = {
  approveReversal: ['orderNumber'],
  deposit: ['orderNumber', 'amount', 'currency'],
  depositReversal: ['orderNumber', 'paymentNumber'],
  getOrderDetails: ['orderNumber'],
  // The official library stops after currency; other clients add the last two. An absent field
  // adds '' to the message, so one order serves both (§12).
  recurPayment: [
    'orderNumber',
    'sourceOrderNumber',
    'autoDeposit',
    'orderDescription',
    'amount',
    'currency',
    'orderReference',
    'customerStatement',
  ],
  refund: ['orderNumber', 'amount', 'currency'],
  refundReversal: ['orderNumber', 'creditNumber'],
  getFinancialInstitutions: ['paymentType', 'transactionType', 'bankCountry'],
  generateOrderNumber: [],
};

const TRANSFER_FUND_TAIL = [
  'orderNumber',
  'creditNumber',
  'orderDescription',
  'amount',
  'currency',
  'orderReference',
  'customerStatement',
  'fundTransferType',
] as const;

/** §2.5: the fields each transferFund type adds (and requires) after `fundTransferType`. */
export const FUND_TRANSFER_TYPE_FIELDS = {
  EXISTINGORDER: ['sourceOrderNumber'],
  SKRILLWALLET: ['consumerEmail'],
  MONETA: ['consumerWalletId'],
  'SEPA-CT': ['bankAccountOwner', 'bankBic', 'bankAccountIban'],
} as const satisfies Record<FundTransferType, readonly string[]>;

/** §2.5: the per-item basket fields, in fingerprint order. */
export const BASKET_ITEM_FIELDS = [
  'ArticleNumber',
  'Quantity',
  'Description',
  'Name',
  'ImageUrl',
  'UnitGrossAmount',
  'UnitNetAmount',
  'UnitTaxAmount',
  'UnitTaxRate',
] as const;

/**
 * The basket part of an order: `basketItems`, then every item's fields (§2.5).
 *
 * @example
 * ```ts
 * basketFingerprintOrder(1); // ['basketItems', 'basketItem1ArticleNumber', …, 'basketItem1UnitTaxRate']
 * ```
 */
export function basketFingerprintOrder(itemCount: number): string[] {
  const order = ['basketItems'];
  for (let item = 1; item <= itemCount; item++) {
    for (const field of BASKET_ITEM_FIELDS) order.push(`basketItem${item}${field}`);
  }
  return order;
}

/**
 * The full fingerprint order of a backend request, given the fields it carries: the prefix, the
 * operation's own fields, the transfer-type fields for transferFund, and the basket for deposit
 * and refund when `basketItems` is present.
 *
 * @example
 * ```ts
 * backendFingerprintOrder('refund', { basketItems: '1' });
 * // ['customerId', 'shopId', 'password', 'secret', 'language', 'orderNumber', 'amount', 'currency', 'basketItems', …]
 * ```
 */
export function backendFingerprintOrder(
  operation: BackendOperation,
  fields: Readonly<Record<string, string | undefined>> = {},
): string[] {
  const order: string[] = [...BACKEND_ORDER_PREFIX];
  if (operation === 'transferFund') {
    order.push(...TRANSFER_FUND_TAIL);
    const type = fields.fundTransferType as FundTransferType | undefined;
    if (type !== undefined && Object.hasOwn(FUND_TRANSFER_TYPE_FIELDS, type)) {
      order.push(...FUND_TRANSFER_TYPE_FIELDS[type]);
    }
    return order;
  }
  order.push(...OPERATION_TAILS[operation]);
  if ((operation === 'deposit' || operation === 'refund') && fields.basketItems !== undefined) {
    const count = Number(fields.basketItems);
    if (Number.isInteger(count) && count > 0) order.push(...basketFingerprintOrder(count));
  }
  return order;
}

/**
 * Finds the operation a URL path segment names, case-insensitively (the official library writes
 * `getOrderDetails`, others `getorderdetails`; §12).
 *
 * @example
 * ```ts
 * backendOperationFromPath('GETORDERDETAILS'); // 'getOrderDetails'
 * ```
 */
export function backendOperationFromPath(segment: string): BackendOperation | undefined {
  const wanted = segment.toLowerCase();
  return BACKEND_OPERATIONS.find((operation) => operation.toLowerCase() === wanted);
}
