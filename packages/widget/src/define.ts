/**
 * Registers `<qenta-payment-form>`. The only module with a side effect; importing it twice (or
 * next to another copy of the package) does not throw, and during server-side rendering (no
 * `customElements`, as in plain Node) it registers nothing.
 *
 * @example
 * ```ts
 * import '@qenta-seamless/widget/define';
 * ```
 */
import { QentaPaymentForm } from './payment-form/payment-form.ts';

const registry = globalThis.customElements as CustomElementRegistry | undefined;
if (registry && !registry.get('qenta-payment-form')) {
  registry.define('qenta-payment-form', QentaPaymentForm);
}

export { QentaPaymentForm };
