/**
 * The read-only backend operations (qenta-protocol §2.5, §4.4): getOrderDetails and
 * getFinancialInstitutions.
 */
import { indexedFields } from '@qenta-seamless/server-helpers/protocol';
import { formatAmount } from '../../amounts.ts';
import {
  type OrderRecord,
  orderOperations,
  orderState,
  paymentOperations,
  refunded,
} from '../../orders.ts';
import { FINANCIAL_INSTITUTIONS, PAYMENT_TYPES } from '../../payment-types.ts';
import {
  type BackendResult,
  numberField,
  type OperationInput,
  parameterFailure,
} from './backend-input.ts';

/** The demo acquirer data of §5.1 / §8. */
const DEMO_CONTRACT = 'DemoContractNumber123';

/**
 * getOrderDetails: the order, its payment and credits as captured (§4.4); an unknown order is
 * `status=0&objectsTotal=0&orders=0`.
 *
 * @example
 * ```ts
 * getOrderDetails(input).fields['order.1.state']; // 'ORDERED'
 * ```
 */
export function getOrderDetails(input: OperationInput): BackendResult {
  const orderNumber = numberField(input, 'orderNumber', 'orderNumber');
  if (typeof orderNumber !== 'string') return orderNumber;
  const order = input.orders.find(input.customerId, orderNumber);
  if (order === undefined) return { ok: true, fields: { objectsTotal: '0', orders: '0' } };
  const payments = order.payment ? [paymentFields(order)] : [];
  const credits = order.credits.map((credit) => ({
    merchantNumber: '1',
    creditNumber: credit.creditNumber,
    orderNumber: order.orderNumber,
    batchNumber: '1',
    amount: formatAmount(credit.amount, order.currency),
    currency: order.currency,
    timeCreated: gatewayTime(credit.timeCreated),
    timeModified: gatewayTime(credit.timeModified),
    state: credit.state,
    operationsAllowed: credit.state === 'credit_refunded' ? 'REFUNDREVERSAL' : '',
    gatewayReferenceNumber: credit.gatewayReferenceNumber,
    providerReferenceNumber: '',
  }));
  return {
    ok: true,
    fields: {
      orders: '1',
      objectsTotal: String(1 + payments.length + credits.length),
      ...indexedFields('order', [orderFields(order, payments.length, credits.length)]),
      ...indexedFields('payment.1', payments),
      ...indexedFields('credit.1', credits),
    },
  };
}

function orderFields(order: OrderRecord, payments: number, credits: number) {
  const money = (minor: number) => formatAmount(minor, order.currency);
  return {
    merchantNumber: '1',
    orderNumber: order.orderNumber,
    paymentType: internalPaymentType(order),
    amount: money(order.amount),
    approveAmount: money(order.approvalReversed ? 0 : (order.payment?.approveAmount ?? 0)),
    depositAmount: money(order.payment?.depositAmount ?? 0),
    refundAmount: money(refunded(order)),
    brand: brand(order),
    currency: order.currency,
    orderDescription: order.orderDescription,
    acquirer: 'Demo Acquirer',
    contractNumber: DEMO_CONTRACT,
    operationsAllowed: orderOperations(order).join(','),
    orderReference: order.orderReference,
    customerStatement: order.customerStatement,
    orderText: '',
    timeCreated: gatewayTime(order.timeCreated),
    timeModified: gatewayTime(order.timeModified),
    state: orderState(order),
    sourceOrderNumber: order.sourceOrderNumber,
    payments: String(payments),
    credits: String(credits),
  };
}

function paymentFields(order: OrderRecord): Record<string, string> {
  const payment = order.payment;
  if (payment === undefined) return {};
  return {
    merchantNumber: '1',
    paymentNumber: payment.paymentNumber,
    orderNumber: order.orderNumber,
    approvalCode: 'DEMO01',
    batchNumber: '1',
    approveAmount: formatAmount(payment.approveAmount, order.currency),
    depositAmount: formatAmount(payment.depositAmount, order.currency),
    currency: order.currency,
    timeCreated: gatewayTime(payment.timeCreated),
    timeModified: gatewayTime(payment.timeModified),
    state: payment.state,
    paymentType: internalPaymentType(order),
    operationsAllowed: paymentOperations(order).join(','),
    gatewayReferenceNumber: payment.gatewayReferenceNumber,
    providerReferenceNumber: '',
    avsResultCode: 'X',
    avsResultMessage: 'Demo AVS ResultMessage',
    avsProviderResultCode: 'X',
    avsProviderResultMessage: 'Demo AVS ProviderResultMessage',
  };
}

/** §4.4: getOrderDetails reports internal type codes (`VPG` Visa, `APG` MasterCard, …). */
function internalPaymentType(order: OrderRecord): string {
  const card = `${order.brand} ${order.financialInstitution}`.toLowerCase();
  switch (order.paymentType) {
    case 'CCARD':
    case 'CCARD-MOTO':
      if (card.includes('visa')) return 'VPG';
      if (card.includes('master') || /\bmc\b/.test(card)) return 'APG';
      return order.paymentType;
    case 'MAESTRO':
      return 'SCM';
    case 'SOFORTUEBERWEISUNG':
      return 'SUE';
    case 'PAYPAL':
      return 'PPL';
    default:
      return order.paymentType;
  }
}

function brand(order: OrderRecord): string {
  if (order.brand !== '') return order.brand;
  const brands: Record<string, string> = {
    PAYPAL: 'PayPal',
    SOFORTUEBERWEISUNG: 'sofortueberweisung',
    PSC: 'paysafecard',
    MAESTRO: 'Maestro',
  };
  return brands[order.paymentType] ?? order.financialInstitution;
}

/** §4.4 / §12: timestamps as captured, `DD.MM.YYYY HH:MM:SS` (UTC here). */
function gatewayTime(at: number): string {
  const date = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())}.${two(date.getUTCMonth() + 1)}.${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
}

const COUNTRY: Readonly<Record<string, string>> = { EPS: 'AT', IDL: 'NL' };

/**
 * getFinancialInstitutions: `financialInstitution.{i}.id|name` for a payment type (§7.3); a type
 * without a list answers none. `bankCountry` (comma list) filters by the banks' country.
 *
 * @example
 * ```ts
 * getFinancialInstitutions(input).fields['financialInstitution.1.id']; // 'ARZ|AB' for EPS
 * ```
 */
export function getFinancialInstitutions(input: OperationInput): BackendResult {
  const { fields, language } = input;
  const paymentType = fields.paymentType ?? '';
  if (paymentType === '') return parameterFailure('missing', 'paymentType', language);
  if (!(PAYMENT_TYPES as readonly string[]).includes(paymentType)) {
    return parameterFailure('invalid', 'paymentType', language);
  }
  const transactionType = fields.transactionType ?? '';
  if (transactionType !== '' && !['ONLINE', 'OFFLINE', 'ALL'].includes(transactionType)) {
    return parameterFailure('invalid', 'transactionType', language);
  }
  const countries = (fields.bankCountry ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (countries.some((c) => !/^[A-Za-z]{2}$/.test(c))) {
    return parameterFailure('invalid', 'bankCountry', language);
  }
  const country = COUNTRY[paymentType];
  const wanted = countries.map((c) => c.toUpperCase());
  const list =
    wanted.length > 0 && country !== undefined && !wanted.includes(country)
      ? []
      : (FINANCIAL_INSTITUTIONS[paymentType] ?? []);
  return {
    ok: true,
    fields: indexedFields(
      'financialInstitution',
      list.map((entry) => ({ id: entry.id, name: entry.name })),
    ),
  };
}
