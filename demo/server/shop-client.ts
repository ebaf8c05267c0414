/**
 * The part of the server-helpers client the shop uses. The app is written against this shape;
 * `createQentaClient()` from `@qenta-seamless/server-helpers` provides it (see `server.ts`).
 */

/** Parameters the shop passes to frontend init (qenta-protocol §3.3). */
export interface StartPaymentInput {
  paymentType: string;
  amount: string;
  currency: string;
  orderDescription: string;
  language: string;
  successUrl: string;
  cancelUrl: string;
  failureUrl: string;
  pendingUrl: string;
  serviceUrl: string;
  confirmUrl: string;
  consumerIpAddress: string;
  consumerUserAgent: string;
  orderReference: string;
  storageId?: string;
  orderIdent?: string;
  customParameters: Record<string, string>;
}

/** The client operations the shop calls. */
export interface ShopClient {
  dataStorage: {
    init(input: {
      orderIdent: string;
      returnUrl: string;
      language: string;
      javascriptScriptVersion?: 'pci3';
      iframeCssUrl?: string;
    }): Promise<{ storageId: string; javascriptUrl: string }>;
    read(input: { storageId: string }): Promise<{
      paymentInformation: readonly Readonly<Record<string, string | undefined>>[];
    }>;
  };
  payment: {
    start(input: StartPaymentInput): Promise<{ redirectUrl: string }>;
  };
  backend: {
    deposit(input: {
      orderNumber: string;
      amount: string;
      currency: string;
    }): Promise<{ paymentNumber?: string | undefined }>;
    refund(input: {
      orderNumber: string;
      amount: string;
      currency: string;
    }): Promise<{ creditNumber?: string | undefined }>;
  };
}
