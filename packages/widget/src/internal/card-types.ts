/**
 * What the card types (CCARD, CCARD-MOTO, MAESTRO) do beyond their fields: the client-side
 * checks, the clean-up of the data sent to the gateway (qenta-protocol §6.3), the number
 * formatting while typing and the brand for the icon. Loaded when the element opens, in parallel
 * with the data storage and the gateway script, so it is there before the form is ready while
 * the first load stays inside its size budget.
 */
// Only types from fields.ts: a runtime import would make bundlers put the shared code in an extra
// chunk of the first load.
import {
  cvcLength,
  cvcProblem,
  detectBrand,
  expiryProblem,
  formatPan,
  fullYear,
  panProblem,
} from './card.ts';
import type { CheckContext, TypeBehaviour } from './fields.ts';

function checkCard({ value, problems, strings: s, now, testMode }: CheckContext): void {
  const pan = panProblem(value('pan'), { testMode });
  if (pan === 'luhn') problems.pan = s.invalidPan;
  if (pan === 'length') problems.pan = s.lengthPan;
  const expiry = expiryProblem(value('expirationMonth'), value('expirationYear'), now);
  if (expiry)
    problems.expiry = { past: s.expiryPast, format: s.expiryFormat, missing: s.missing }[expiry];
  delete problems.expirationMonth;
  delete problems.expirationYear;
  const brand = detectBrand(value('pan'), { testMode });
  if (cvcProblem(value('cardverifycode'), brand) === 'length') {
    problems.cardverifycode = s.cvcLength.replace('{n}', String(cvcLength(brand)));
  }
}

function normalizeCard(info: Record<string, string>): void {
  if (info.expirationMonth) info.expirationMonth = info.expirationMonth.padStart(2, '0');
  if (info.expirationYear) info.expirationYear = String(fullYear(info.expirationYear));
}

/**
 * The behaviour every card type shares.
 *
 * @example
 * ```ts
 * const { CARD_BEHAVIOUR } = await import('./card-types.ts');
 * CARD_BEHAVIOUR.brand?.('411111******1111', false); // 'visa'
 * ```
 */
export const CARD_BEHAVIOUR: TypeBehaviour = {
  check: checkCard,
  normalize: normalizeCard,
  format: { pan: formatPan },
  brand: (number, testMode) => detectBrand(number, { testMode }),
};
