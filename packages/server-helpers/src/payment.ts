/**
 * Starting a payment: frontend init (qenta-protocol §3.3) with a request fingerprint over every
 * field sent (§2.4).
 */
import type { z } from 'zod';
import { basketFields, wireAmount } from './basket.ts';
import { QentaError } from './errors.ts';
import { computeFingerprint, SECRET_NAME } from './fingerprint.ts';
import { fieldValue } from './form.ts';
import { parseInput, type paymentStartSchema, paymentStartSchema as schema } from './schemas.ts';
import type { MerchantContext } from './transport.ts';

/** Input of `payment.start`: every §3.3 parameter, consumer data, basket, custom parameters. */
export type PaymentStartInput = z.input<typeof paymentStartSchema>;

/** What `payment.start` answers. */
export interface PaymentStartResult {
  /** Send the consumer's browser (or the checkout iframe) here. */
  redirectUrl: string;
}

/** The `payment` part of the client. */
export interface PaymentApi {
  /**
   * Starts a payment and returns where to send the consumer. Never retried automatically.
   *
   * @example
   * ```ts
   * const { redirectUrl } = await client.payment.start({
   *   language: 'en', paymentType: 'CCARD', amount: '12.50', currency: 'EUR',
   *   orderDescription: 'Order 42', successUrl, cancelUrl, failureUrl, serviceUrl, confirmUrl,
   *   consumerIpAddress: '203.0.113.7', consumerUserAgent: request.headers['user-agent'],
   *   storageId, orderIdent, customParameters: { shopOrderId: '42' },
   * });
   * ```
   */
  start(input: PaymentStartInput): Promise<PaymentStartResult>;
}

const ADDRESS_PARTS = [
  ['firstname', 'Firstname'],
  ['lastname', 'Lastname'],
  ['address1', 'Address1'],
  ['address2', 'Address2'],
  ['city', 'City'],
  ['country', 'Country'],
  ['state', 'State'],
  ['zipCode', 'ZipCode'],
  ['phone', 'Phone'],
  ['fax', 'Fax'],
] as const;

type ValidInput = z.output<typeof schema>;

/**
 * The wire fields of a validated payment, without fingerprint, in the order they are signed.
 *
 * @example
 * ```ts
 * const fields = paymentFields(parseInput(paymentStartSchema, input, 'payment.start'), 'D200001', 'qmore');
 * ```
 */
export function paymentFields(
  input: ValidInput,
  customerId: string,
  shopId: string | undefined,
): Record<string, string | undefined> {
  const yesNo = (flag: boolean | undefined) =>
    flag === undefined ? undefined : flag ? 'yes' : 'no';
  const consumer = input.consumer;
  const fields: Record<string, string | undefined> = {
    customerId,
    shopId,
    language: input.language,
    paymentType: input.paymentType,
    amount: wireAmount(input.amount, input.currency),
    currency: input.currency,
    orderDescription: input.orderDescription,
    successUrl: input.successUrl,
    cancelUrl: input.cancelUrl,
    failureUrl: input.failureUrl,
    serviceUrl: input.serviceUrl,
    confirmUrl: input.confirmUrl,
    pendingUrl: input.pendingUrl,
    noScriptInfoUrl: input.noScriptInfoUrl,
    consumerIpAddress: input.consumerIpAddress,
    consumerUserAgent: input.consumerUserAgent,
    storageId: input.storageId,
    orderIdent: input.orderIdent,
    financialInstitution: input.financialInstitution,
    windowName: input.windowName,
    duplicateRequestCheck: yesNo(input.duplicateRequestCheck),
    autoDeposit: yesNo(input.autoDeposit),
    customerStatement: input.customerStatement,
    orderReference: input.orderReference,
    orderNumber: input.orderNumber,
    transactionIdentifier: input.transactionIdentifier,
    confirmMail: input.confirmMail,
    pluginVersion: input.pluginVersion,
    riskSuppress: yesNo(input.riskSuppress),
    riskConfigAlias: input.riskConfigAlias,
    paymentToken: input.paymentToken,
    browserData: input.browserData,
    consumerEmail: consumer?.email,
    consumerBirthDate: consumer?.birthDate,
    consumerTaxIdentificationNumber: consumer?.taxIdentificationNumber,
    consumerDriversLicenseNumber: consumer?.driversLicenseNumber,
    consumerDriversLicenseCountry: consumer?.driversLicenseCountry,
    consumerDriversLicenseState: consumer?.driversLicenseState,
    consumerMerchantCrmId: consumer?.merchantCrmId,
    consumerDeviceId: consumer?.deviceId,
  };
  for (const [kind, address] of [
    ['Billing', consumer?.billing],
    ['Shipping', consumer?.shipping],
  ] as const) {
    for (const [part, wire] of ADDRESS_PARTS) fields[`consumer${kind}${wire}`] = address?.[part];
  }
  Object.assign(fields, basketFields(input.basket, input.currency));
  Object.assign(fields, input.customParameters);
  return fields;
}

/**
 * Adds `requestFingerprintOrder` and `requestFingerprint` to payment fields (§2.4): the order
 * lists every field actually sent, then `secret`, then itself. `windowName` is signed too (the
 * official library leaves it out; the gateway accepts either as long as the order says so), so
 * nothing the shop sends travels unsigned.
 *
 * @example
 * ```ts
 * const signed = signPaymentFields(fields, secret, 'hmac-sha512');
 * ```
 */
export function signPaymentFields(
  fields: Readonly<Record<string, string | undefined>>,
  secret: string,
  algorithm: 'hmac-sha512' | 'sha512',
): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) sent[name] = value;
  }
  const order = [...Object.keys(sent), SECRET_NAME, 'requestFingerprintOrder'];
  sent.requestFingerprintOrder = order.join(',');
  sent.requestFingerprint = computeFingerprint(sent, order, secret, { algorithm });
  return sent;
}

/**
 * Builds the `payment` operations over a merchant context.
 *
 * @example
 * ```ts
 * const payment = createPaymentApi(context);
 * ```
 */
export function createPaymentApi(context: MerchantContext): PaymentApi {
  return {
    async start(raw) {
      const input = parseInput(schema, raw, 'payment.start');
      const fields = signPaymentFields(
        paymentFields(input, context.customerId, context.shopId),
        context.secret,
        context.algorithm,
      );
      const answer = await context.send({
        path: '/frontend/init',
        operation: 'payment.start',
        fields,
        readOnly: false,
      });
      const redirectUrl = fieldValue(answer, 'redirectUrl');
      if (!redirectUrl) {
        throw new QentaError('INVALID_RESPONSE', 'payment.start: the answer lacks redirectUrl');
      }
      return { redirectUrl };
    },
  };
}
