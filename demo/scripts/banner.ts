/**
 * What `pnpm demo` and `pnpm demo:start` print: where things are and the test cards.
 */

/** What the banner shows. */
export interface BannerInfo {
  shopUrl: string;
  backendUrl: string;
  confirmUrl: string;
  journalUrl?: string;
  gatewayUrl?: string;
  realGateway?: string;
}

/** Test data for the emulator (see the emulator's README for every card). */
const TEST_DATA = [
  ['9500000000000002', 'Mastercard, no 3-D Secure: pick any outcome on the payment page'],
  ['9500000000000001', 'Mastercard with 3-D Secure: password qenta3ds'],
  ['4000000000000002', 'Visa that the card company declines (FAILURE)'],
  ['AT611904300234573201', 'IBAN for SEPA direct debit (any account holder)'],
] as const;

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
    lines.push('', '  Test data (expiry: any future month, CVC: any 3 digits):');
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
