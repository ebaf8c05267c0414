/**
 * Tiny inline SVG brand marks (a coloured card with the brand's short name): no image requests,
 * nothing for a strict CSP to block.
 */
import { html, type TemplateResult } from 'lit';
import type { CardBrand } from './card.ts';

const MARKS: Readonly<Record<CardBrand, readonly [name: string, short: string, color: string]>> = {
  visa: ['Visa', 'VISA', '#1a1f71'],
  mastercard: ['Mastercard', 'MC', '#eb001b'],
  maestro: ['Maestro', 'MAE', '#0099df'],
  amex: ['American Express', 'AMEX', '#2e77bb'],
  diners: ['Diners Club', 'DC', '#004a97'],
  discover: ['Discover', 'DISC', '#e55c20'],
  jcb: ['JCB', 'JCB', '#0b7a3e'],
};

/**
 * The icon, labelled with the brand's name for assistive technology.
 *
 * @example
 * ```ts
 * html`${brandIcon('visa')}`;
 * ```
 */
export function brandIcon(brand: CardBrand): TemplateResult {
  const [name, short, color] = MARKS[brand];
  return html`<svg part="brand" width="40" height="26" role="img" aria-label=${name}><rect width="40" height="26" rx="4" fill=${color}/><text x="20" y="17" fill="#fff" text-anchor="middle">${short}</text></svg>`;
}
