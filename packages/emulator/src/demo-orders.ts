/**
 * The demo account's backend orders that the official library's live tests refer to
 * (qenta-protocol §8: 123456 where deposit and refund succeed, 5472113 paysafecard `ORDERED`,
 * 1453243 Maestro `REFUNDABLE`, 23473341 as a recurPayment source), so those tests can run
 * against the emulator unchanged.
 */
import type { Merchant } from './context.ts';
import type { OrderStore } from './orders.ts';

/**
 * Puts the demo orders into an order book for the demo merchant.
 *
 * @example
 * ```ts
 * seedDemoOrders(orders, DEMO_MERCHANT);
 * orders.find('D200001', '5472113')?.paymentType; // 'PSC'
 * ```
 */
export function seedDemoOrders(orders: OrderStore, merchant: Merchant): void {
  const base = {
    merchant,
    shopId: 'qmore',
    orderDescription: 'Demo order',
  };
  // §9.2 D5: the library refunds 1.2 USD on 123456, so it is a USD order with room for both a
  // deposit and a refund.
  orders.recordPaid({
    ...base,
    orderNumber: '123456',
    paymentType: 'CCARD',
    amount: '1000.00',
    currency: 'USD',
    brand: 'VISA',
    financialInstitution: 'Visa',
    autoDeposit: false,
    gatewayReferenceNumber: 'DGW_123456_RN',
  });
  const demo = orders.find(merchant.customerId, '123456');
  if (demo) orders.deposit(demo, 50_000);
  orders.recordPaid({
    ...base,
    orderNumber: '5472113',
    paymentType: 'PSC',
    amount: '10.00',
    currency: 'EUR',
    brand: 'paysafecard',
    orderReference: 'OR-5472113',
    customerStatement: 'Danke für den Einkauf!',
    autoDeposit: false,
    gatewayReferenceNumber: 'DGW_5472113_RN',
  });
  orders.recordPaid({
    ...base,
    orderNumber: '1453243',
    paymentType: 'MAESTRO',
    amount: '25.00',
    currency: 'EUR',
    brand: 'Maestro',
    autoDeposit: true,
    gatewayReferenceNumber: 'DGW_1453243_RN',
  });
  orders.recordPaid({
    ...base,
    orderNumber: '23473341',
    paymentType: 'CCARD',
    amount: '9.90',
    currency: 'EUR',
    brand: 'MasterCard',
    financialInstitution: 'MC',
    autoDeposit: true,
    gatewayReferenceNumber: 'DGW_23473341_RN',
  });
}
