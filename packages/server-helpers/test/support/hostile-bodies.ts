/**
 * Adversarial confirm bodies of a given size, each with the refusal it must get (issue 10): the
 * shapes that make a naive parser or verifier quadratic or amplify its memory. The cost tests
 * and the bench's hostile-input figures build the same bodies from here.
 */

const FINGERPRINT = 'a'.repeat(128);
const REQUIRED = 'paymentState=SUCCESS&orderNumber=1&amount=1&currency=EUR&paymentType=CCARD';

/** An adversarial confirm body, with the refusal it must get. */
export interface HostileBody {
  title: string;
  build(size: number): string;
  code: string;
}

// Whole filler items only (a cut one could look different: `&n12` cut to `&n1` repeats a name),
// then empty pairs, which every parser skips, up to the exact size.
function fill(prefix: string, size: number, part: (i: number) => string): string {
  const parts = [prefix];
  let length = prefix.length;
  for (let i = 0; ; i++) {
    const next = part(i);
    if (length + next.length > size) break;
    parts.push(next);
    length += next.length;
  }
  parts.push('&'.repeat(size - length));
  return parts.join('');
}

/** A fingerprint order naming one 5 000-character field over and over. */
export const REPEATED_ORDER: HostileBody = {
  title: 'one 5 000-character field named over and over in the order',
  build: (size) =>
    fill(
      `${REQUIRED}&responseFingerprint=${FINGERPRINT}&pad=${'p'.repeat(5000)}&responseFingerprintOrder=paymentState,orderNumber,amount,currency,paymentType,secret`,
      size,
      () => ',pad',
    ),
  code: 'FINGERPRINT_ORDER_INVALID',
};

/** Pairs without `=` (`&n0&n1…`): a parser that searches to the end from every pair is quadratic. */
export const PAIRS_WITHOUT_EQUALS: HostileBody = {
  title: 'pairs without =',
  build: (size) => fill(`${REQUIRED}&responseFingerprint=${FINGERPRINT}`, size, (i) => `&n${i}`),
  code: 'FINGERPRINT_ORDER_INCOMPLETE',
};

/** Every adversarial confirm body of the cost tests. */
export const HOSTILE_BODIES: readonly HostileBody[] = [
  REPEATED_ORDER,
  PAIRS_WITHOUT_EQUALS,
  {
    title: 'many &',
    build: (size) => fill(REQUIRED, size, () => '&'.repeat(1024)),
    code: 'FINGERPRINT_MISSING',
  },
  {
    title: 'an order of bare commas',
    build: (size) =>
      fill(`${REQUIRED}&responseFingerprint=${FINGERPRINT}&responseFingerprintOrder=`, size, () =>
        ','.repeat(1024),
      ),
    code: 'FINGERPRINT_ORDER_INCOMPLETE',
  },
  {
    title: 'a value of bare + to decode',
    build: (size) =>
      fill(`${REQUIRED}&responseFingerprint=${FINGERPRINT}&x=`, size, () => '+'.repeat(1024)),
    code: 'FINGERPRINT_ORDER_INCOMPLETE',
  },
  {
    title: 'a huge order of names the body does not have',
    build: (size) =>
      fill(
        `${REQUIRED}&responseFingerprint=${FINGERPRINT}&responseFingerprintOrder=secret`,
        size,
        (i) => `,n${i}`,
      ),
    code: 'FINGERPRINT_ORDER_INVALID',
  },
  {
    title: 'a huge order of distinct names the body has',
    build: (size) => {
      const count = Math.floor(size / 24);
      const names = Array.from({ length: count }, (_, i) => `n${i}`);
      const order = [
        'paymentState',
        'orderNumber',
        'amount',
        'currency',
        'paymentType',
        ...names,
        'secret',
      ].join(',');
      return fill(
        `${REQUIRED}&responseFingerprint=${FINGERPRINT}&responseFingerprintOrder=${order}&${names.map((n) => `${n}=x`).join('&')}`,
        size,
        () => 'x',
      );
    },
    code: 'FINGERPRINT_MISMATCH',
  },
];
