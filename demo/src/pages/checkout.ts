/**
 * The payment step: choose a method; for card and SEPA direct debit `<qenta-payment-form>`
 * collects the data and stores it at the gateway (it never reaches the shop). The form posts
 * the choice to the backend, which reads the anonymised data back and shows the review page.
 */
import '@qenta-seamless/widget/define';
import { ApiError, api, type Cart, h, renderChrome, showAlert, totals } from '../shop.ts';

interface Method {
  paymentType: string;
  label: string;
  usesDataStorage: boolean;
}

const HINTS: Record<string, string> = {
  CCARD: 'Visa, Mastercard, Maestro, American Express.',
  'SEPA-DD': 'We debit your bank account; you can object within 8 weeks.',
  PAYPAL: 'You confirm the payment on PayPal’s page.',
  SOFORTUEBERWEISUNG: 'Pay from your online banking; you log in on Sofort’s page.',
};

const ERRORS: Record<string, string> = {
  NO_DATA_STORAGE: 'Your payment details expired. Please enter them again.',
  NO_PAYMENT_DATA: 'Please enter your payment details and press “Continue” again.',
  UNKNOWN_PAYMENT_TYPE: 'Please choose a payment method.',
};

let testMode = false;
/** Whether the developer panel is open; kept when the details are drawn again. */
let devPanelOpen = false;

function renderDetails(method: Method | undefined, cardMode: string) {
  const details = document.getElementById('method-details')!;
  if (!method) {
    details.replaceChildren();
    return;
  }
  if (!method.usesDataStorage) {
    details.replaceChildren(
      h(
        'div',
        { class: 'panel', style: 'margin-bottom: 1rem' },
        h(
          'p',
          { style: 'margin: 0' },
          `After the review you are sent to ${method.label} to approve the payment.`,
        ),
      ),
    );
    return;
  }
  const pci3 = method.paymentType === 'CCARD' && cardMode === 'pci3';
  const form = h('qenta-payment-form', {
    name: 'payment',
    'init-url': `/api/checkout/data-storage${pci3 ? '?mode=pci3' : ''}`,
    'payment-type': method.paymentType,
    mode: pci3 ? 'pci3' : 'classic',
    lang: 'en',
    required: true,
    'test-mode': testMode,
  });
  const children: Node[] = [];
  let devPanel: HTMLElement | undefined;
  if (method.paymentType === 'CCARD') {
    const modes = h(
      'fieldset',
      { id: 'card-mode' },
      h('legend', {}, 'Card entry mode'),
      ...[
        [
          'classic',
          'Card fields on this page',
          'The data goes straight from your browser to QENTA.',
        ],
        [
          'pci3',
          'QENTA’s secure card fields (PCI SAQ-A)',
          'The fields themselves are hosted by QENTA.',
        ],
      ].map(([value, label, hint]) =>
        h(
          'label',
          { class: 'choice' },
          h('input', {
            type: 'radio',
            name: 'cardMode',
            value: value!,
            checked: value === cardMode,
            onchange: () => renderDetails(method, value!),
          }),
          h('span', {}, label!, h('span', { class: 'hint' }, hint!)),
        ),
      ),
    );
    devPanel = h(
      'details',
      {
        class: 'dev-panel',
        open: devPanelOpen,
        ontoggle: (event: Event) => {
          devPanelOpen = (event.currentTarget as HTMLDetailsElement).open;
        },
      },
      h('summary', {}, 'Developer panel (demo only)'),
      h(
        'p',
        { class: 'note' },
        'For shop developers trying the demo: where the card fields live. A real shop picks one and shows shoppers no switch.',
      ),
      modes,
    );
  }
  children.push(
    h(
      'fieldset',
      {},
      h('legend', {}, method.paymentType === 'CCARD' ? 'Card details' : 'Bank account'),
      testMode &&
        method.paymentType === 'SEPA-DD' &&
        h(
          'p',
          { class: 'note', style: 'margin: 0' },
          'Test mode: use the IBAN AT61 1904 3002 3457 3201 and any name.',
        ),
      form,
    ),
  );
  if (devPanel) children.push(devPanel);
  details.replaceChildren(...children);
}

async function main() {
  void renderChrome();
  const error = new URLSearchParams(location.search).get('error');
  if (error) showAlert('#message', ERRORS[error] ?? 'Something went wrong. Please try again.');
  let methods: Method[];
  try {
    const data = await api<{ paymentMethods: Method[]; testMode: boolean }>('/api/products');
    methods = data.paymentMethods;
    testMode = data.testMode;
    const cart = await api<Cart>('/api/cart');
    if (cart.lines.length === 0) {
      location.replace('/cart.html');
      return;
    }
    document
      .getElementById('summary')!
      .replaceChildren(
        h(
          'ul',
          { class: 'lines' },
          ...cart.lines.map((line) =>
            h('li', {}, h('span', { class: 'name' }, `${line.quantity} × ${line.name}`)),
          ),
        ),
        totals(cart),
      );
  } catch (failure) {
    showAlert('#message', failure instanceof ApiError ? failure.message : String(failure));
    return;
  }
  const fieldset = document.getElementById('methods')!;
  let cardMode = 'classic';
  for (const method of methods) {
    fieldset.append(
      h(
        'label',
        { class: 'choice' },
        h('input', {
          type: 'radio',
          name: 'paymentType',
          value: method.paymentType,
          required: true,
          onchange: () => renderDetails(method, cardMode),
        }),
        h('span', {}, method.label, h('span', { class: 'hint' }, HINTS[method.paymentType] ?? '')),
      ),
    );
  }
  document.getElementById('method-details')!.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name === 'cardMode') cardMode = target.value;
  });
  const form = document.getElementById('payment-form') as HTMLFormElement;
  form.addEventListener('submit', (event) => {
    if (!form.querySelector('input[name="paymentType"]:checked')) {
      event.preventDefault();
      showAlert('#message', 'Please choose a payment method.');
      (fieldset.querySelector('input') as HTMLInputElement | null)?.focus();
    }
  });
}

void main();
