/**
 * `@qenta-seamless/widget/react`: types `<qenta-payment-form>` in React 19 JSX. It adds the element
 * to `React.JSX.IntrinsicElements`, with its properties and its events as `on<event-name>` props
 * (React 19 sets known properties on a custom element and adds a listener for an `on…` prop whose
 * value is a function). A separate entry so that shops without React never load React's types.
 * Its JavaScript is empty; it does not register the element (import `…/define` for that).
 *
 * @example
 * ```tsx
 * import '@qenta-seamless/widget/define';
 * import type {} from '@qenta-seamless/widget/react';
 *
 * <qenta-payment-form
 *   init-url="/checkout/init"
 *   payment-type="CCARD"
 *   onqenta-stored={(event) => setStored(event.anonymized)}
 * />;
 * ```
 */
import type {
  QentaErrorEvent,
  QentaLoadErrorEvent,
  QentaReadyEvent,
  QentaStoredEvent,
} from './events.ts';
import type { QentaPaymentForm } from './payment-form/payment-form.ts';

/** The element's attributes (kebab-case, as written in markup). */
interface QentaPaymentFormAttributes {
  'init-url'?: string;
  'javascript-url'?: string;
  'payment-type'?: string;
  mode?: 'classic' | 'pci3';
  name?: string;
  required?: boolean;
  disabled?: boolean;
  'test-mode'?: boolean;
  'load-timeout'?: number | string;
  'frame-height'?: string;
  lang?: string;
}

/** The element's own properties React 19 may set directly (camelCase). */
type QentaPaymentFormProperties = Partial<
  Pick<
    QentaPaymentForm,
    | 'initUrl'
    | 'javascriptUrl'
    | 'paymentType'
    | 'testMode'
    | 'loadTimeout'
    | 'frameHeight'
    | 'strings'
  >
>;

/** The domain events as React 19 custom-element listener props. */
interface QentaPaymentFormEventProps {
  'onqenta-ready'?: (event: QentaReadyEvent) => void;
  'onqenta-stored'?: (event: QentaStoredEvent) => void;
  'onqenta-error'?: (event: QentaErrorEvent) => void;
  'onqenta-load-error'?: (event: QentaLoadErrorEvent) => void;
}

/** Everything `<qenta-payment-form>` accepts in React 19 JSX. */
export type QentaPaymentFormJsxProps = QentaPaymentFormAttributes &
  QentaPaymentFormProperties &
  QentaPaymentFormEventProps &
  Omit<
    import('react').DetailedHTMLProps<
      import('react').HTMLAttributes<QentaPaymentForm>,
      QentaPaymentForm
    >,
    keyof QentaPaymentFormAttributes
  >;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'qenta-payment-form': QentaPaymentFormJsxProps;
    }
  }
}
