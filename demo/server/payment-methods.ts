/**
 * The payment methods the demo offers and whether each needs the data storage
 * (qenta-protocol §7.2: cards and SEPA-DD do; PayPal and Sofort go straight to the gateway).
 */

/** One payment method of the checkout page. */
export interface PaymentMethod {
  paymentType: string;
  label: string;
  usesDataStorage: boolean;
}

/**
 * Every method the shop offers, in the order the checkout page lists them.
 *
 * @example
 * ```ts
 * PAYMENT_METHODS.filter((method) => !method.usesDataStorage); // PayPal, Sofort
 * ```
 */
export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  { paymentType: 'CCARD', label: 'Credit or debit card', usesDataStorage: true },
  { paymentType: 'SEPA-DD', label: 'SEPA direct debit', usesDataStorage: true },
  { paymentType: 'PAYPAL', label: 'PayPal', usesDataStorage: false },
  { paymentType: 'SOFORTUEBERWEISUNG', label: 'Sofort bank transfer', usesDataStorage: false },
];

/**
 * The method with this payment type, if the shop offers it.
 *
 * @example
 * ```ts
 * findPaymentMethod('SEPA-DD')?.usesDataStorage; // true
 * ```
 */
export function findPaymentMethod(paymentType: unknown): PaymentMethod | undefined {
  return PAYMENT_METHODS.find((method) => method.paymentType === paymentType);
}
