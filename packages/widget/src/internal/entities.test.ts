import { expect } from '@open-wc/testing';
import { decodeEntities } from './entities.ts';

describe('decodeEntities', () => {
  it('decodes numeric, hex and common named entities', () => {
    expect(decodeEntities('PAYMENTTYPE ist ung&#252;ltig.')).to.equal('PAYMENTTYPE ist ungültig.');
    expect(decodeEntities('&#xFC;ber &amp; &lt;b&gt; &quot;')).to.equal('über & <b> "');
  });

  it('leaves unknown entities and invalid code points alone', () => {
    expect(decodeEntities('&bogus; &#0; &#xD800;')).to.equal('&bogus; &#0; &#xD800;');
  });
});
