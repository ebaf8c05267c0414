/**
 * The operations that create orders or credits without a payment page (qenta-protocol §2.5):
 * recurPayment, transferFund (four types) and generateOrderNumber.
 */
import {
  FUND_TRANSFER_TYPES,
  type FundTransferType,
} from '@qenta-seamless/server-helpers/protocol';
import { bicValid, ibanValid } from '../../browser/card-checks.ts';
import { DEMO_BIC, DEMO_IBAN } from '../../browser/payment-validation.ts';
import { type CatalogParameter, gatewayError } from '../../error-catalog.ts';
import {
  amountField,
  type BackendResult,
  existingOrder,
  isOrder,
  numberField,
  type OperationInput,
  parameterFailure,
} from './backend-input.ts';

/** What the new-order operations need to know about the merchant. */
export interface MerchantLimits {
  currencies: readonly string[];
}

/**
 * generateOrderNumber: reserves a number that frontend init, recurPayment or transferFund then
 * accept once (§11.11).
 *
 * @example
 * ```ts
 * generateOrderNumber(input); // { ok: true, fields: { orderNumber: '7000001' } }
 * ```
 */
export function generateOrderNumber(input: OperationInput): BackendResult {
  return { ok: true, fields: { orderNumber: input.orders.reserveOrderNumber(input.customerId) } };
}

/** A sent orderNumber must be reserved and unused; without one a fresh number is assigned. */
function newOrderNumber(input: OperationInput): string | BackendResult {
  if ((input.fields.orderNumber ?? '') === '') {
    return input.orders.reserveOrderNumber(input.customerId);
  }
  const number = numberField(input, 'orderNumber', 'orderNumber');
  if (typeof number !== 'string') return number;
  if (input.orders.isReservedAndUnused(input.customerId, number)) return number;
  const kind = input.orders.isUsed(input.customerId, number) ? 'alreadyUsed' : 'invalid';
  return parameterFailure(kind, 'orderNumber', input.language);
}

/**
 * recurPayment: charges again like `sourceOrderNumber` (11159 when missing, 18159 when unknown)
 * and answers the new `orderNumber`.
 *
 * @example
 * ```ts
 * recurPayment(input, merchant); // { ok: true, fields: { orderNumber: '7000002' } }
 * ```
 */
export function recurPayment(input: OperationInput, merchant: MerchantLimits): BackendResult {
  const { fields, language } = input;
  const source = existingOrder(input, 'sourceOrderNumber', 'sourceOrderNumber');
  if (!isOrder(source)) return source;
  if ((fields.orderDescription ?? '') === '') {
    return parameterFailure('missing', 'orderDescription', language);
  }
  const autoDeposit = fields.autoDeposit ?? '';
  if (autoDeposit !== '' && !/^(yes|no)$/i.test(autoDeposit)) {
    return parameterFailure('invalid', 'autoDeposit', language);
  }
  const money = amountField(input, { currencies: merchant.currencies });
  if ('ok' in money) return money;
  if (source.payment === undefined || source.approvalReversed) {
    return { ok: false, status: 2, errors: [gatewayError('19011', language)] };
  }
  const orderNumber = newOrderNumber(input);
  if (typeof orderNumber !== 'string') return orderNumber;
  const order = input.orders.recur(source, {
    orderNumber,
    amount: money.minor,
    currency: money.currency,
    orderDescription: fields.orderDescription ?? '',
    autoDeposit: autoDeposit.toLowerCase() === 'yes',
    orderReference: fields.orderReference ?? '',
    customerStatement: fields.customerStatement ?? '',
  });
  return {
    ok: true,
    fields: { orderNumber: order.orderNumber },
    journal: { orderNumber: order.orderNumber, sourceOrderNumber: source.orderNumber },
  };
}

const TYPE_FIELDS: Record<FundTransferType, readonly [string, CatalogParameter][]> = {
  EXISTINGORDER: [['sourceOrderNumber', 'sourceOrderNumber']],
  SKRILLWALLET: [['consumerEmail', 'consumerEmail']],
  MONETA: [['consumerWalletId', 'consumerWalletId']],
  'SEPA-CT': [
    ['bankAccountOwner', 'bankAccountOwner'],
    ['bankBic', 'bankBic'],
    ['bankAccountIban', 'bankAccountIban'],
  ],
};

/**
 * transferFund: pays money out as a credit (§2.5). The type-specific fields are required and
 * checked (IBAN checksum, BIC shape; the example shop's demo IBAN/BIC accepted, §8).
 *
 * @example
 * ```ts
 * transferFund(input, merchant); // { ok: true, fields: { creditNumber: '14000002' } }
 * ```
 */
export function transferFund(input: OperationInput, merchant: MerchantLimits): BackendResult {
  const { fields, language } = input;
  if ((fields.orderDescription ?? '') === '') {
    return parameterFailure('missing', 'orderDescription', language);
  }
  const money = amountField(input, { currencies: merchant.currencies });
  if ('ok' in money) return money;
  const type = fields.fundTransferType ?? '';
  if (type === '') return parameterFailure('missing', 'fundTransferType', language);
  if (!(FUND_TRANSFER_TYPES as readonly string[]).includes(type)) {
    return parameterFailure('invalid', 'fundTransferType', language);
  }
  for (const [name, parameter] of TYPE_FIELDS[type as FundTransferType]) {
    if ((fields[name] ?? '') === '') return parameterFailure('missing', parameter, language);
  }
  let sourceOrderNumber = '';
  if (type === 'EXISTINGORDER') {
    const source = existingOrder(input, 'sourceOrderNumber', 'sourceOrderNumber');
    if (!isOrder(source)) return source;
    sourceOrderNumber = source.orderNumber;
  }
  if (type === 'SKRILLWALLET' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(fields.consumerEmail ?? '')) {
    return parameterFailure('invalid', 'consumerEmail', language);
  }
  if (type === 'SEPA-CT') {
    const iban = fields.bankAccountIban ?? '';
    const bic = fields.bankBic ?? '';
    if (iban !== DEMO_IBAN && !ibanValid(iban)) {
      return parameterFailure('invalid', 'bankAccountIban', language);
    }
    if (bic !== DEMO_BIC && !bicValid(bic)) return parameterFailure('invalid', 'bankBic', language);
  }
  const existing =
    (fields.orderNumber ?? '') === ''
      ? undefined
      : input.orders.find(input.customerId, fields.orderNumber ?? '');
  const orderNumber = existing?.orderNumber ?? newOrderNumber(input);
  if (typeof orderNumber !== 'string') return orderNumber;
  const { creditNumber } = input.orders.transfer({
    customerId: input.customerId,
    shopId: input.shopId,
    orderNumber,
    paymentType: type,
    amount: money.minor,
    currency: money.currency,
    orderDescription: fields.orderDescription ?? '',
    orderReference: fields.orderReference ?? '',
    customerStatement: fields.customerStatement ?? '',
    sourceOrderNumber,
  });
  return {
    ok: true,
    fields: { creditNumber },
    journal: { orderNumber, creditNumber, fundTransferType: type },
  };
}
