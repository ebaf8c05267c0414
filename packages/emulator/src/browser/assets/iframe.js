// The SAQ-A card iframe (qenta-protocol §6.5). Its parent page asks it to store; it posts the
// fields to the emulator itself and hands the parent only the anonymised answer. Messages are
// accepted from the parent window at its exact origin only, and sent to that origin only.
(() => {
  const body = document.body;
  const parentOrigin = body.dataset.parentOrigin;
  const storageId = body.dataset.storageId;
  const paymentType = body.dataset.paymentType;
  const storeUrl = body.dataset.storeUrl;
  const FIELDS = {
    pan: 'pan',
    expiryMonth: 'expirationMonth',
    expiryYear: 'expirationYear',
    cardholder: 'cardholdername',
    cvc: 'cardverifycode',
    issueMonth: 'issueMonth',
    issueYear: 'issueYear',
    issueNumber: 'issueNumber',
  };

  function toParent(message) {
    window.parent.postMessage(message, parentOrigin);
  }

  function showErrors(errors) {
    const box = document.getElementById('messagebox');
    if (!box) return;
    box.textContent = '';
    for (const error of errors || []) {
      const line = document.createElement('p');
      // consumerMessage may carry numeric entities (§4.2); decode them without innerHTML.
      line.textContent = String(error.consumerMessage || error.message).replace(
        /&#(\d+);/g,
        (_match, code) => String.fromCharCode(Number(code)),
      );
      box.appendChild(line);
    }
  }

  async function store(id) {
    const form = new URLSearchParams();
    form.append('storageId', storageId);
    form.append('paymentType', paymentType);
    for (const [elementId, name] of Object.entries(FIELDS)) {
      const element = document.getElementById(elementId);
      if (element && element.value !== '') form.append(name, element.value);
    }
    let response;
    try {
      const answer = await fetch(storeUrl, { method: 'POST', body: form, credentials: 'omit' });
      response = await answer.json();
    } catch {
      response = {
        errors: 1,
        error: [{ errorCode: '10000', message: 'Store failed.', consumerMessage: 'Store failed.' }],
      };
    }
    showErrors(response.error);
    toParent({ type: 'qenta:stored', id, response });
  }

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== parentOrigin) return;
    const data = event.data || {};
    if (data.type === 'qenta:store' && typeof data.id === 'string') void store(data.id);
  });
  for (const element of document.querySelectorAll('input, select, button')) {
    element.addEventListener('focus', () => toParent({ type: 'qenta:click' }));
  }
  // The parent cannot read this document's height across origins; tell it, so a host page (or
  // <qenta-payment-form>) can size the iframe to its fields instead of guessing.
  let lastHeight = 0;
  const reportHeight = () => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === lastHeight) return;
    lastHeight = height;
    toParent({ type: 'qenta:height', height });
  };
  new ResizeObserver(reportHeight).observe(document.documentElement);
  toParent({ type: 'qenta:ready' });
  reportHeight();
})();
