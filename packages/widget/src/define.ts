/**
 * Registers `<qenta-payment-form>`. The only module with a side effect; importing it twice (or
 * next to another copy of the package) does not throw.
 *
 * @example
 * ```ts
 * import '@qenta-seamless/widget/define';
 * ```
 */
import { QentaPaymentForm } from './payment-form/payment-form.ts';

if (!customElements.get('qenta-payment-form')) {
  customElements.define('qenta-payment-form', QentaPaymentForm);
}

export { QentaPaymentForm };
