/**
 * What `pnpm demo` and `pnpm demo:start` print: where things are and the test cards.
 */
import { TEST_CARDS, THREE_D_SECURE_PASSWORD } from '@qenta-seamless/emulator';

/** What the banner shows. */
export interface BannerInfo {
  shopUrl: string;
  backendUrl: string;
  confirmUrl: string;
  journalUrl?: string;
  gatewayUrl?: string;
  realGateway?: string;
}

/** The emulator's test cards (its catalogue is the one source) and a SEPA test IBAN. */
const TEST_DATA: readonly (readonly [string, string])[] = [
  ...TEST_CARDS.map((card) => [card.pan, card.description] as const),
  ['AT611904300234573201', 'IBAN for SEPA direct debit (any account holder)'],
];

/**
 * Prints the demo's addresses and test data.
 *
 * @example
 * ```ts
 * printBanner({ shopUrl: 'http://127.0.0.1:5173', backendUrl, confirmUrl });
 * ```
 */
export function printBanner(info: BannerInfo): void {
  const lines = [
    '',
    `  Bean & Burr demo shop     ${info.shopUrl}`,
    `  Orders and confirmations  ${info.shopUrl}/orders.html`,
    `  Shop backend              ${info.backendUrl} (confirm URL ${info.confirmUrl})`,
  ];
  if (info.journalUrl) {
    lines.push(`  Gateway emulator          ${info.gatewayUrl}`);
    lines.push(`  Emulator journal          ${info.journalUrl}`);
    lines.push(
      '',
      `  Test data (expiry: any future month, CVC: any 3 digits, 3-D Secure password: ${THREE_D_SECURE_PASSWORD}):`,
    );
    for (const [value, what] of TEST_DATA) lines.push(`    ${value.padEnd(22)} ${what}`);
  }
  if (info.realGateway) {
    lines.push('', `  Real gateway: ${info.realGateway}`);
    lines.push(
      '  The gateway must reach the confirm URL above from the internet (SHOP_CONFIRM_URL).',
    );
  }
  lines.push('', '  Ctrl-C stops everything.', '');
  console.log(lines.join('\n'));
}
