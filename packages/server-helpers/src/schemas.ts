/**
 * The zod schemas every public input is checked against, once, before anything is sent
 * (qenta-protocol §3, §10). Messages name the rule, never the value, so an issue list is safe to
 * log even when the input held a secret.
 */
import { z } from 'zod';
import { type InputIssue, QentaError } from './errors.ts';
import { FUND_TRANSFER_TYPE_FIELDS, FUND_TRANSFER_TYPES } from './fingerprint-orders.ts';
import { FRONTEND_INIT_NAMES } from './frontend-init-names.ts';
import { hasOnlyUriCharacters, isHttpUrl } from './http-url.ts';

/** §10: customerId is 7 alphanumerics (`D200001`). */
export const customerIdSchema = z.string().regex(/^[A-Za-z0-9]{7}$/, 'must be 7 letters or digits');

/** §10: shopId is up to 16 alphanumerics (`qmore`). */
export const shopIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9]{1,16}$/, 'must be 1 to 16 letters or digits');

/** §10: language is two letters (`en`). */
export const languageSchema = z.string().regex(/^[A-Za-z]{2}$/, 'must be two letters');

/** §10: storageId is 32 alphanumerics (the gateway sends lowercase hex). */
export const storageIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9]{32}$/, 'must be 32 letters or digits');

/** §10: orderNumber and its kin are numeric, at most 9 digits. */
export const orderNumberSchema = z.string().regex(/^[0-9]{1,9}$/, 'must be 1 to 9 digits');

/** §3.1: orderIdent must not be empty (15300); its maximum length is not documented. */
export const orderIdentSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters');

/**
 * An absolute `http:` or `https:` URL, written with URI characters only (RFC 3986): no CR, LF or
 * other control character, no space, no raw non-ASCII, none of the characters RFC 3986 excludes
 * (`"`, `<`, `>`, `\`, `^`, backtick, `{`, `|`, `}`). `URL.canParse` forgives all of those (it
 * drops tabs and newlines and percent-encodes the rest), but the gateway gets the string as sent
 * and later puts it into a `Location` header, where CR/LF split the answer and raw non-ASCII makes
 * it fail (issue 10 item 6). Percent-encode them, or send `new URL(value).href`.
 */
export const httpUrlSchema = z
  .string()
  .refine(isHttpUrl, 'must be an absolute http(s) URL')
  .refine(
    hasOnlyUriCharacters,
    'must hold only URI characters: percent-encode spaces, control characters and non-ASCII (new URL(value).href does)',
  );

/** §3.3: the checkout window's name: a letter, then letters, digits or `_`, not a JS keyword. */
export const windowNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and hold only letters, digits, _')
  .refine((name) => !JS_RESERVED_WORDS.has(name), 'must not be a JavaScript reserved word');

/** §10: ISO 4217, three letters or three digits; enablement is per merchant. */
export const currencySchema = z
  .string()
  .regex(/^(?:[A-Za-z]{3}|[0-9]{3})$/, 'must be an ISO 4217 code (3 letters or 3 digits)')
  .transform((code) => code.toUpperCase());

/** An amount as the caller may give it: a number or a decimal string. */
export const amountInputSchema = z.union([z.number(), z.string()]);

const JS_RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if implements import in instanceof interface let new null ' +
    'package private protected public return static super switch this throw true try typeof ' +
    'var void while with yield await arguments eval undefined NaN Infinity'
  ).split(' '),
);

// Minor units per ISO 4217 where they differ from 2 (§10: EUR/USD 2, JPY 0, LYD 3).
const ZERO_DECIMALS = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
  '108',
  '152',
  '262',
  '324',
  '352',
  '392',
  '174',
  '410',
  '600',
  '646',
  '800',
  '940',
  '704',
  '548',
  '950',
  '952',
  '953',
]);
const THREE_DECIMALS = new Set([
  'BHD',
  'IQD',
  'JOD',
  'KWD',
  'LYD',
  'OMR',
  'TND',
  '048',
  '368',
  '400',
  '414',
  '434',
  '512',
  '788',
]);

/**
 * How many decimals an amount in `currency` may have (ISO 4217 minor units; 2 unless listed).
 *
 * @example
 * ```ts
 * currencyDecimals('JPY'); // 0
 * ```
 */
export function currencyDecimals(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMALS.has(code)) return 0;
  if (THREE_DECIMALS.has(code)) return 3;
  return 2;
}

/**
 * Turns an amount into its wire form and checks it against the currency (§3.3, §10): a positive
 * decimal with `.` (or `,`) as separator, no thousands separator, at most the currency's
 * decimals. Returns the problem as text, or the wire string.
 *
 * @example
 * ```ts
 * formatAmount(12.5, 'EUR'); // { ok: true, value: '12.5' }
 * formatAmount('1.005', 'EUR'); // { ok: false, message: 'EUR allows at most 2 decimals' }
 * ```
 */
export function formatAmount(
  amount: number | string,
  currency: string,
  options: { allowZero?: boolean } = {},
): { ok: true; value: string } | { ok: false; message: string } {
  let text: string;
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) return { ok: false, message: 'must be a finite number' };
    text = String(amount);
  } else {
    text = amount;
  }
  const match = /^([0-9]+)(?:[.,]([0-9]+))?$/.exec(text);
  if (!match) {
    return { ok: false, message: 'must be a decimal number such as 12.50 (no sign or exponent)' };
  }
  if (!options.allowZero && !/[1-9]/.test(text)) {
    return { ok: false, message: 'must be greater than zero' };
  }
  const decimals = match[2]?.length ?? 0;
  const allowed = currencyDecimals(currency);
  if (decimals > allowed) {
    return { ok: false, message: `${currency.toUpperCase()} allows at most ${allowed} decimals` };
  }
  return { ok: true, value: text };
}

/**
 * Adds an issue to a zod refinement context when `amount` is not valid for `currency`.
 * Shared by every schema that carries an amount.
 */
function checkAmount(
  ctx: z.core.$RefinementCtx,
  path: (string | number)[],
  amount: number | string | undefined,
  currency: string,
  allowZero = false,
): void {
  if (amount === undefined) return;
  const result = formatAmount(amount, currency, { allowZero });
  if (!result.ok) ctx.addIssue({ code: 'custom', path, message: result.message });
}

/** Options of `createQentaClient`. */
export const clientOptionsSchema = z.strictObject({
  customerId: customerIdSchema,
  shopId: shopIdSchema.optional(),
  secret: z.string().min(1, 'must not be empty'),
  backendPassword: z.string().min(1, 'must not be empty').optional(),
  baseUrl: httpUrlSchema.optional(),
  algorithm: z.enum(['hmac-sha512', 'sha512']).optional(),
  fetch: z
    .custom<typeof fetch>((value) => typeof value === 'function', 'must be a function')
    .optional(),
  timeoutMs: z.number().int().positive().max(600_000).optional(),
  userAgent: z.string().min(1).max(512).optional(),
  language: languageSchema.optional(),
  retries: z.number().int().min(0).max(5).optional(),
});

const trueFalse = z.boolean().optional();

/** `dataStorage.init` input (§3.1). */
export const dataStorageInitSchema = z.strictObject({
  orderIdent: orderIdentSchema,
  returnUrl: httpUrlSchema,
  language: languageSchema,
  javascriptScriptVersion: z.enum(['', 'pci3', 'googlepay']).optional(),
  iframeCssUrl: httpUrlSchema.optional(),
  creditcardShowIssueDateField: trueFalse,
  creditcardShowIssueNumberField: trueFalse,
  creditcardShowCardholderNameField: trueFalse,
  creditcardShowCvcField: trueFalse,
  creditcardShowExpirationDatePlaceholder: trueFalse,
  creditcardShowIssueDatePlaceholder: trueFalse,
  creditcardPanPlaceholder: z.string().max(255).optional(),
  creditcardCvcPlaceholder: z.string().max(255).optional(),
  creditcardCardholderNamePlaceholder: z.string().max(255).optional(),
  creditcardIssueNumberPlaceholder: z.string().max(255).optional(),
});

/** `dataStorage.read` input (§3.2). */
export const dataStorageReadSchema = z.strictObject({ storageId: storageIdSchema });

const addressSchema = z.strictObject({
  firstname: z.string().max(255).optional(),
  lastname: z.string().max(255).optional(),
  address1: z.string().max(255).optional(),
  address2: z.string().max(255).optional(),
  city: z.string().max(255).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 two-letter code')
    .optional(),
  state: z.string().max(255).optional(),
  zipCode: z.string().max(32).optional(),
  phone: z.string().max(64).optional(),
  fax: z.string().max(64).optional(),
});

/** Consumer data sent with a payment (§3.3). */
export const consumerSchema = z.strictObject({
  email: z.email('must be an e-mail address').optional(),
  birthDate: z
    .string()
    .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'must be YYYY-MM-DD')
    .optional(),
  taxIdentificationNumber: z.string().max(255).optional(),
  driversLicenseNumber: z.string().max(255).optional(),
  driversLicenseCountry: z.string().max(255).optional(),
  driversLicenseState: z.string().max(255).optional(),
  merchantCrmId: z.string().max(255).optional(),
  deviceId: z.string().max(4000).optional(),
  billing: addressSchema.optional(),
  shipping: addressSchema.optional(),
});

/** One basket line (§3.3, fields in fingerprint order §2.5). */
export const basketItemSchema = z.strictObject({
  articleNumber: z.string().min(1).max(255),
  quantity: z.number().int().positive(),
  name: z.string().max(255).optional(),
  description: z.string().max(255).optional(),
  imageUrl: httpUrlSchema.optional(),
  unitGrossAmount: amountInputSchema,
  unitNetAmount: amountInputSchema,
  unitTaxAmount: amountInputSchema,
  unitTaxRate: z.union(
    [
      z.number().min(0).max(100),
      z.string().regex(/^[0-9]{1,3}(?:[.,][0-9]{1,4})?$/, 'must be a percentage such as 20 or 7.7'),
    ],
    'must be a percentage such as 20 or 7.7',
  ),
});

/** A basket: one or more lines. */
export const basketSchema = z.array(basketItemSchema).min(1, 'must hold at least one item');

function basketAmounts(
  ctx: z.core.$RefinementCtx,
  basket: readonly z.infer<typeof basketItemSchema>[] | undefined,
  currency: string,
): void {
  basket?.forEach((item, index) => {
    for (const field of ['unitGrossAmount', 'unitNetAmount', 'unitTaxAmount'] as const) {
      checkAmount(ctx, ['basket', index, field], item[field], currency, true);
    }
  });
}

/** `payment.start` input: every §3.3 parameter in camelCase. */
export const paymentStartSchema = z
  .strictObject({
    language: languageSchema,
    paymentType: z
      .string()
      .regex(/^[A-Z0-9_-]{2,32}$/, 'must be a payment type such as CCARD or PAYPAL'),
    amount: amountInputSchema,
    currency: currencySchema,
    orderDescription: z.string().min(1, 'must not be empty').max(255),
    successUrl: httpUrlSchema,
    cancelUrl: httpUrlSchema,
    failureUrl: httpUrlSchema,
    serviceUrl: httpUrlSchema.refine((url) => url.length <= 255, 'must be at most 255 characters'),
    confirmUrl: httpUrlSchema,
    pendingUrl: httpUrlSchema.optional(),
    noScriptInfoUrl: httpUrlSchema.optional(),
    consumerIpAddress: z.union([z.ipv4(), z.ipv6()], 'must be an IPv4 or IPv6 address'),
    consumerUserAgent: z.string().min(1, 'must not be empty').max(4000),
    storageId: storageIdSchema.optional(),
    orderIdent: orderIdentSchema.optional(),
    financialInstitution: z.string().min(1).max(64).optional(),
    windowName: windowNameSchema.optional(),
    duplicateRequestCheck: z.boolean().optional(),
    autoDeposit: z.boolean().optional(),
    customerStatement: z.string().max(254).optional(),
    orderReference: z.string().max(128).optional(),
    orderNumber: orderNumberSchema.optional(),
    transactionIdentifier: z.enum(['SINGLE', 'INITIAL']).optional(),
    confirmMail: z.email('must be one e-mail address').optional(),
    pluginVersion: z.string().max(1024).optional(),
    riskSuppress: z.boolean().optional(),
    riskConfigAlias: z.string().max(255).optional(),
    paymentToken: z.string().max(65000).optional(),
    browserData: z.string().max(65000).optional(),
    consumer: consumerSchema.optional(),
    basket: basketSchema.optional(),
    customParameters: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((input, ctx) => {
    checkAmount(ctx, ['amount'], input.amount, input.currency);
    basketAmounts(ctx, input.basket, input.currency);
    if ((input.storageId === undefined) !== (input.orderIdent === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [input.storageId === undefined ? 'storageId' : 'orderIdent'],
        message: 'storageId and orderIdent go together (the data storage they name)',
      });
    }
    for (const name of Object.keys(input.customParameters ?? {})) {
      const problem = customParameterProblem(name);
      if (problem)
        ctx.addIssue({ code: 'custom', path: ['customParameters', name], message: problem });
    }
  });

const operationBase = { language: languageSchema.optional() };

/** deposit and refund: an amount (with an optional basket) on an existing order (§2.5). */
const amountOnOrderSchema = z
  .strictObject({
    ...operationBase,
    orderNumber: orderNumberSchema,
    amount: amountInputSchema,
    currency: currencySchema,
    basket: basketSchema.optional(),
  })
  .superRefine((input, ctx) => {
    checkAmount(ctx, ['amount'], input.amount, input.currency);
    basketAmounts(ctx, input.basket, input.currency);
  });

/** Backend operation inputs (§2.5, §3.4). */
export const backendSchemas = {
  approveReversal: z.strictObject({ ...operationBase, orderNumber: orderNumberSchema }),
  deposit: amountOnOrderSchema,
  depositReversal: z.strictObject({
    ...operationBase,
    orderNumber: orderNumberSchema,
    paymentNumber: orderNumberSchema,
  }),
  getOrderDetails: z.strictObject({ ...operationBase, orderNumber: orderNumberSchema }),
  recurPayment: z
    .strictObject({
      ...operationBase,
      orderNumber: orderNumberSchema.optional(),
      sourceOrderNumber: orderNumberSchema,
      autoDeposit: z.boolean().optional(),
      orderDescription: z.string().min(1, 'must not be empty').max(255),
      amount: amountInputSchema,
      currency: currencySchema,
      orderReference: z.string().max(128).optional(),
      customerStatement: z.string().max(254).optional(),
    })
    .superRefine((input, ctx) => checkAmount(ctx, ['amount'], input.amount, input.currency)),
  refund: amountOnOrderSchema,
  refundReversal: z.strictObject({
    ...operationBase,
    orderNumber: orderNumberSchema,
    creditNumber: orderNumberSchema,
  }),
  transferFund: z
    .strictObject({
      ...operationBase,
      fundTransferType: z.enum(FUND_TRANSFER_TYPES),
      orderNumber: orderNumberSchema.optional(),
      creditNumber: orderNumberSchema.optional(),
      orderDescription: z.string().min(1, 'must not be empty').max(255),
      amount: amountInputSchema,
      currency: currencySchema,
      orderReference: z.string().max(128).optional(),
      customerStatement: z.string().max(254).optional(),
      sourceOrderNumber: orderNumberSchema.optional(),
      consumerEmail: z.email('must be an e-mail address').optional(),
      consumerWalletId: z.string().min(1).max(255).optional(),
      bankAccountOwner: z.string().min(1).max(255).optional(),
      bankBic: z
        .string()
        .regex(/^[A-Za-z0-9]{8,12}$/, 'must be a BIC (8 to 12 letters or digits)')
        .optional(),
      bankAccountIban: z
        .string()
        .regex(/^[A-Za-z0-9]{5,34}$/, 'must be an IBAN (up to 34 letters or digits)')
        .optional(),
    })
    .superRefine((input, ctx) => {
      checkAmount(ctx, ['amount'], input.amount, input.currency);
      for (const field of FUND_TRANSFER_TYPE_FIELDS[input.fundTransferType]) {
        if (input[field] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `is required for fundTransferType ${input.fundTransferType}`,
          });
        }
      }
    }),
  getFinancialInstitutions: z.strictObject({
    ...operationBase,
    paymentType: z.string().regex(/^[A-Z0-9_-]{2,32}$/, 'must be a payment type such as EPS'),
    transactionType: z.enum(['ONLINE', 'OFFLINE', 'ALL']).optional(),
    bankCountry: z
      .array(z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 two-letter code'))
      .min(1)
      .optional(),
  }),
  generateOrderNumber: z.strictObject({ ...operationBase }),
} as const;

/**
 * Every name the protocol itself uses on the frontend-init request or the confirm POST, lower
 * case: the frontend-init names plus what only the gateway writes (§2.6, §5.1).
 */
const PROTOCOL_NAMES = new Set(
  [
    ...FRONTEND_INIT_NAMES,
    'secret',
    'password',
    'responseFingerprint',
    'responseFingerprintOrder',
    'paymentState',
    'errors',
    'gatewayReferenceNumber',
    'gatewayContractNumber',
    'avsResponseCode',
    'avsResponseMessage',
    'avsProviderResultCode',
    'avsProviderResultMessage',
    'authenticated',
    'anonymousPan',
    'maskedPan',
    'expiry',
    'cardholder',
    'brand',
    'javascriptScriptVersion',
    'redirectUrl',
    'status',
    'command',
  ].map((name) => name.toLowerCase()),
);

// Prefixes of whole protocol families: consumer data, basket lines, error blocks, method data
// echoed on SUCCESS (qenta-protocol §3.3, §5.1).
const PROTOCOL_PREFIXES = [
  'consumer',
  'basketitem',
  'error',
  'paypalpayer',
  'idealconsumer',
  'sender',
  'creditcard',
  'googlepay',
  'company',
];

/**
 * Why a custom parameter name cannot be used, or `undefined` when it can. Names must be plain
 * (letters, digits, `_`, a letter first; dots would read as nested gateway keys) and must not
 * collide, case-insensitively, with a protocol name: the gateway matches names without regard
 * to case (§11.1) and echoes custom parameters beside its own fields on the confirm POST.
 *
 * @example
 * ```ts
 * customParameterProblem('shopCartId'); // undefined
 * customParameterProblem('Amount'); // 'collides with the protocol parameter amount'
 * ```
 */
export function customParameterProblem(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name)) {
    return 'must start with a letter, hold only letters, digits, _ and be at most 64 characters';
  }
  const lower = name.toLowerCase();
  if (PROTOCOL_NAMES.has(lower)) return `collides with the protocol parameter ${lower}`;
  const prefix = PROTOCOL_PREFIXES.find((candidate) => lower.startsWith(candidate));
  if (prefix) return `collides with the protocol's ${prefix}… parameters`;
  return undefined;
}

/**
 * Validates `input` against `schema`, throwing `INVALID_INPUT` that names every offending field
 * (never its value).
 *
 * @example
 * ```ts
 * const input = parseInput(dataStorageReadSchema, { storageId }, 'dataStorage.read');
 * ```
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: InputIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const named = issues.map((issue) => `${issue.path || '(input)'}: ${issue.message}`).join('; ');
  throw new QentaError('INVALID_INPUT', `Invalid ${what} input: ${named}`, { issues });
}
