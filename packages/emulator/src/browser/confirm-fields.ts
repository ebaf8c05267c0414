/**
 * Builds the confirm POST the gateway sends to `confirmUrl` (qenta-protocol §5.1), fields in the
 * canonical sequence of §2.6, signed for SUCCESS and PENDING.
 *
 * Decisions where the docs are silent (design.md): CANCEL carries no fingerprint; FAILURE carries
 * the error block and no fingerprint; custom parameters are echoed and, on signed states, listed
 * in `responseFingerprintOrder` just before `secret`. CANCEL and FAILURE also carry
 * `orderNumber`, `paymentType`, `amount`, `currency` and `language`, unsigned, so a shop can find
 * its order (it must not trust them).
 */
import {
  computeFingerprint,
  errorBlockFields,
  type GatewayErrorDetail,
} from '@qenta-seamless/server-helpers/protocol';
import type { PaymentSession } from '../context.ts';

/** The four outcomes of §5.1. */
export type PaymentState = 'SUCCESS' | 'PENDING' | 'CANCEL' | 'FAILURE';

/** Demo values of §5.1. */
export const DEMO_CONFIRM_VALUES = {
  gatewayContractNumber: 'DemoContractNumber123',
  avsResponseCode: 'X',
  avsResponseMessage: 'Demo AVS ResultMessage',
  avsProviderResultCode: 'X',
  avsProviderResultMessage: 'Demo AVS ProviderResultMessage',
} as const;

/** What {@link buildConfirmFields} needs. */
export interface ConfirmInput {
  session: Pick<
    PaymentSession,
    'merchant' | 'request' | 'customParameters' | 'paymentInformation' | 'orderNumber'
  >;
  state: PaymentState;
  /** FAILURE only: the error block. */
  errors?: readonly GatewayErrorDetail[];
  /** Cards: whether the 3-D Secure step was passed (`authenticated=Yes`). */
  authenticated?: boolean;
  /** For date fields (SEPA-DD due date). */
  now: number;
}

/**
 * The confirm body as ordered fields (insertion order = wire order).
 *
 * @example
 * ```ts
 * const fields = buildConfirmFields({ session, state: 'SUCCESS', now: Date.now() });
 * fields.gatewayReferenceNumber; // 'DGW_1234567_RN'
 * ```
 */
export function buildConfirmFields(input: ConfirmInput): Record<string, string> {
  const { session, state } = input;
  const request = session.request;
  const paymentType = request.paymentType ?? '';
  const base: Record<string, string> = {
    amount: request.amount ?? '',
    currency: request.currency ?? '',
    paymentType,
    financialInstitution: financialInstitution(session),
    language: request.language ?? '',
    orderNumber: session.orderNumber,
    paymentState: state,
  };
  if (state === 'CANCEL' || state === 'FAILURE') {
    const unsigned = { ...base };
    delete unsigned.financialInstitution;
    return {
      ...unsigned,
      ...(state === 'FAILURE' ? errorBlockFields(input.errors ?? []) : {}),
      ...session.customParameters,
    };
  }
  const fields: Record<string, string> = {
    ...base,
    ...typeFields(input),
    gatewayReferenceNumber: `DGW_${session.orderNumber}_RN`,
    ...DEMO_CONFIRM_VALUES,
    ...session.customParameters,
  };
  const order = [...Object.keys(fields), 'secret', 'responseFingerprintOrder'];
  fields.responseFingerprintOrder = order.join(',');
  fields.responseFingerprint = computeFingerprint(fields, order, session.merchant.secret, {
    algorithm: session.merchant.algorithm,
  });
  return fields;
}

function financialInstitution(session: ConfirmInput['session']): string {
  const type = session.request.paymentType ?? '';
  const requested = session.request.financialInstitution;
  switch (type) {
    case 'CCARD':
    case 'CCARD-MOTO':
    case 'MAESTRO':
      return session.paymentInformation?.financialInstitution ?? '';
    case 'PAYPAL':
      return 'PayPal';
    case 'SOFORTUEBERWEISUNG':
      return 'sofortueberweisung';
    case 'QUICK':
      return 'QUICK';
    case 'IDL':
      return requested || 'INGBANK';
    case 'EPS':
      return requested || 'BA-CA';
    default:
      return requested || type;
  }
}

function typeFields(input: ConfirmInput): Record<string, string> {
  const { session } = input;
  const info = session.paymentInformation ?? {};
  switch (session.request.paymentType) {
    case 'CCARD':
    case 'CCARD-MOTO':
    case 'MAESTRO':
      return {
        authenticated: input.authenticated ? 'Yes' : 'No',
        anonymousPan: info.anonymousPan ?? '',
        expiry: info.expiry ?? '',
        cardholder: info.cardholdername ?? '',
        maskedPan: info.maskedPan ?? '',
      };
    case 'SEPA-DD': {
      const day = 24 * 60 * 60 * 1000;
      return {
        creditorId: 'AT61ZZZ00000000001',
        dueDate: isoDate(input.now + 5 * day),
        mandateId: `DEMO-${session.orderNumber}`,
        mandateSignatureDate: isoDate(input.now),
      };
    }
    case 'IDL':
      return {
        idealConsumerName: 'Demo Consumer',
        idealConsumerCity: 'Amsterdam',
        idealConsumerAccountNumber: 'NL91ABNA0417164300',
      };
    case 'PAYPAL':
      return {
        paypalPayerID: 'DEMOPAYER123',
        paypalPayerEmail: 'buyer@example.com',
        paypalPayerFirstName: 'Demo',
        paypalPayerLastName: 'Buyer',
        paypalPayerAddressName: 'Demo Buyer',
        paypalPayerAddressCountry: 'AT',
        paypalPayerAddressCity: 'Wien',
        paypalPayerAddressState: '',
        paypalPayerAddressStreet1: 'Demostrasse 1',
        paypalPayerAddressStreet2: '',
        paypalPayerAddressZIP: '1010',
      };
    case 'SOFORTUEBERWEISUNG':
      return {
        senderAccountOwner: 'Demo Sender',
        senderAccountNumber: '0532013000',
        senderBankNumber: '37040044',
        senderBankName: 'Demo Bank',
        senderBIC: 'COBADEFFXXX',
        senderIBAN: 'DE89370400440532013000',
        senderCountry: 'DE',
        securityCriteria: '1',
      };
    default:
      return {};
  }
}

function isoDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
