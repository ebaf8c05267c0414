// The emulator's data-storage script (qenta-protocol §6): served at the storage's javascriptUrl
// with its configuration in place of the object literal at the bottom. Plain browser JavaScript,
// no eval and no inline styles, so it runs under a strict Content-Security-Policy.
(function install(config) {
  const scope = typeof window !== 'undefined' ? window : globalThis;
  const IFRAME_TYPES = {
    CCARD: 'CCARD',
    'CCARD-MOTO': 'CCARD-MOTO',
    MAESTRO: 'MAESTRO',
    GOOGLEPAY: 'GOOGLEPAY',
  };
  const pendingFallback = [];
  let requestCounter = 0;

  // §6.4: getStatus() 0 on success; getErrors() falsy when there are none.
  function DataStorageResponse(raw) {
    this.response = raw;
  }
  DataStorageResponse.prototype.getStatus = function getStatus() {
    return Number(this.response.errors || 0) > 0 ? 1 : 0;
  };
  DataStorageResponse.prototype.getErrors = function getErrors() {
    return Number(this.response.errors || 0) > 0 ? this.response.error : undefined;
  };
  DataStorageResponse.prototype.getAnonymizedPaymentInformation = function anonymized() {
    return this.response.paymentInformation || {};
  };

  function clientError(message) {
    return {
      errors: 1,
      error: [{ errorCode: '10000', message: message, consumerMessage: message }],
    };
  }

  function answer(callback, raw) {
    if (typeof callback === 'function') callback(new DataStorageResponse(raw));
  }

  // One registry per page (per loaded script), shared by every QentaCEE_DataStorage object: QENTA's
  // own example builds the SAQ-A iframe with one object and stores with a new one (§6.5), so an
  // iframe must be found by whichever object stores. Keyed by payment type; `iframes` is also
  // each object's public `iframes` property (§6.1).
  const page = {
    iframes: {},
    ready: {},
    queued: {},
    pending: {},
    clickCallbacks: [],
    listening: false,
  };

  function iframeTypeOf(source) {
    for (const type in page.iframes) {
      if (page.iframes[type] && page.iframes[type].contentWindow === source) return type;
    }
    return undefined;
  }

  function listen() {
    if (page.listening) return;
    page.listening = true;
    scope.addEventListener('message', function onMessage(event) {
      // Only the emulator's own iframes may talk to this page (exact origin and source).
      if (event.origin !== config.origin) return;
      const type = iframeTypeOf(event.source);
      if (!type) return;
      const data = event.data || {};
      if (data.type === 'qenta:ready') {
        page.ready[type] = true;
        const queued = page.queued[type] || [];
        page.queued[type] = [];
        for (let i = 0; i < queued.length; i++) post(type, queued[i]);
      } else if (data.type === 'qenta:stored') {
        const callback = page.pending[data.id];
        delete page.pending[data.id];
        if (callback) answer(callback, data.response || clientError('Empty answer.'));
      } else if (data.type === 'qenta:click') {
        for (let j = 0; j < page.clickCallbacks.length; j++) {
          page.clickCallbacks[j]({ data: { parentId: page.iframes[type].parentId } });
        }
      }
    });
  }

  function post(type, message) {
    const iframe = page.iframes[type];
    if (!page.ready[type]) {
      page.queued[type] = (page.queued[type] || []).concat([message]);
      return;
    }
    iframe.contentWindow.postMessage(message, config.origin);
  }

  /** The page's iframe of that type, while it is still in the document. */
  function liveIframe(type) {
    const iframe = page.iframes[type];
    return iframe?.isConnected ? iframe : undefined;
  }

  function DataStorage() {
    this.iframes = page.iframes;
  }

  DataStorage.prototype.buildIframe = function buildIframe(type, containerId, width, height) {
    const container = document.getElementById(containerId);
    if (!container) throw new Error(`QentaCEE_DataStorage: no element with id ${containerId}`);
    if (config.javascriptScriptVersion === '') {
      throw new Error('QentaCEE_DataStorage: iframes need javascriptScriptVersion=pci3');
    }
    const iframe = document.createElement('iframe');
    iframe.src =
      config.iframeUrl +
      '/' +
      encodeURIComponent(type) +
      '?origin=' +
      encodeURIComponent(scope.location.origin);
    iframe.title = config.iframeTitle;
    iframe.name = `qenta-${type.toLowerCase()}-iframe`;
    iframe.parentId = containerId;
    // CSSOM assignments are allowed under a CSP without 'unsafe-inline' for styles.
    iframe.style.width = String(width || '100%');
    iframe.style.height = String(height || '250px');
    iframe.style.border = '0';
    while (container.firstChild) container.removeChild(container.firstChild);
    container.appendChild(iframe);
    page.iframes[type] = iframe;
    page.ready[type] = false;
    listen();
    return iframe;
  };

  DataStorage.prototype.buildIframeCreditCard = function (containerId, width, height) {
    return this.buildIframe(IFRAME_TYPES.CCARD, containerId, width, height);
  };
  DataStorage.prototype.buildIframeCreditCardMoto = function (containerId, width, height) {
    return this.buildIframe(IFRAME_TYPES['CCARD-MOTO'], containerId, width, height);
  };
  DataStorage.prototype.buildIframeMaestro = function (containerId, width, height) {
    return this.buildIframe(IFRAME_TYPES.MAESTRO, containerId, width, height);
  };
  DataStorage.prototype.buildIframeGooglePay = function (containerId, width, height) {
    return this.buildIframe(IFRAME_TYPES.GOOGLEPAY, containerId, width, height);
  };
  DataStorage.prototype.onIframeClick = function onIframeClick(callback) {
    if (typeof callback === 'function') page.clickCallbacks.push(callback);
    listen();
  };

  DataStorage.prototype.storePaymentInformation = function store(paymentInformation, callback) {
    const info = paymentInformation || {};
    const type = String(info.paymentType || '').toUpperCase();
    return this.storeAs(type, info, callback);
  };

  DataStorage.prototype.storeAs = function storeAs(type, paymentInformation, callback) {
    const request = { paymentType: type };
    let hasData = false;
    if (paymentInformation) {
      for (const key in paymentInformation) {
        if (key !== 'paymentType' && paymentInformation[key] != null) hasData = true;
      }
    }
    if (!hasData && liveIframe(type)) {
      // SAQ-A: the iframe posts what was typed into it; this page only gets the anonymised answer.
      const id = `r${++requestCounter}`;
      page.pending[id] = callback;
      post(type, { type: 'qenta:store', id: id });
      return request;
    }
    if (!hasData) {
      answer(callback, clientError(`No payment information given for ${type}.`));
      return request;
    }
    const body = new URLSearchParams();
    body.append('storageId', config.storageId);
    body.append('paymentType', type);
    for (const name in paymentInformation) {
      if (name !== 'paymentType' && paymentInformation[name] != null) {
        body.append(name, String(paymentInformation[name]));
      }
    }
    fetch(config.storeUrl, { method: 'POST', body: body, credentials: 'omit', mode: 'cors' })
      .then((response) => response.json())
      .then(
        (raw) => {
          answer(callback, raw);
        },
        () => {
          answer(callback, clientError('The payment data could not be stored.'));
        },
      );
    return request;
  };

  const METHODS = {
    storeCreditCardInformation: 'CCARD',
    storeCreditCardMotoInformation: 'CCARD-MOTO',
    storeMaestroInformation: 'MAESTRO',
    storeSepaDdInformation: 'SEPA-DD',
    storePayboxInformation: 'PBX',
    storeGiropayInformation: 'GIROPAY',
    storeVoucherInformation: 'VOUCHER',
  };
  Object.keys(METHODS).forEach((method) => {
    DataStorage.prototype[method] = function (paymentInformation, callback) {
      return this.storeAs(METHODS[method], paymentInformation, callback);
    };
  });

  // §6.6: the returnUrl page of old browsers hands the raw answer to this object.
  const fallback = {
    setResponseText: function setResponseText(text) {
      const callback = pendingFallback.shift();
      let raw;
      try {
        raw = JSON.parse(String(text));
      } catch {
        raw = clientError('Unreadable answer.');
      }
      answer(callback, raw);
    },
  };

  scope.QentaCEE_DataStorage = DataStorage;
  scope.WirecardCEE_DataStorage = DataStorage;
  scope.QentaCEE_Response = DataStorageResponse;
  scope.WirecardCEE_Response = DataStorageResponse;
  scope.QentaCEE_Fallback_Request_Object = fallback;
  scope.WirecardCEE_Fallback_Request_Object = fallback;
})(/*CONFIG*/ {});
