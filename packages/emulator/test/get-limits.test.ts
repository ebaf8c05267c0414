/**
 * Issue 10 item 9: the GET limits of qenta-protocol §10 (at most 1024 parameters, names of at
 * most 64 characters, values of at most 2048) hold for every GET the emulator serves: beyond
 * them the answer is 414 with the text of 15626, at them the route answers as usual.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GET_LIMITS } from '@qenta-seamless/server-helpers/protocol';
import { createEmulator, type Emulator } from '../src/index.ts';

describe('GET limits', () => {
  let emulator: Emulator;
  let page: string;
  before(async () => {
    emulator = await createEmulator();
    page = `${emulator.baseUrl}/frontend/D200001qmore_DESKTOP/select.php`;
  });
  after(() => emulator.close());

  const get = async (query: string, path = page) => {
    const response = await fetch(`${path}?${query}`);
    return { status: response.status, text: await response.text() };
  };
  const params = (count: number) =>
    Array.from({ length: count }, (_, index) => `p${index}=1`).join('&');

  it('answers 414 with 15626 for more than 1024 parameters, and the page for 1024', async () => {
    const over = await get(params(GET_LIMITS.maxParameters + 1));
    assert.equal(over.status, 414);
    assert.match(over.text, /^15626 /);
    // An unknown session: the page's own 404, so the limit did not step in.
    assert.equal((await get(params(GET_LIMITS.maxParameters))).status, 404);
  });

  it('answers 414 for a name over 64 characters, and not at 64', async () => {
    assert.equal((await get(`${'n'.repeat(65)}=1`)).status, 414);
    assert.equal((await get(`${'n'.repeat(64)}=1`)).status, 404);
  });

  it('answers 414 for a value over 2048 characters (decoded), and not at 2048', async () => {
    assert.equal((await get(`SID=${'v'.repeat(2049)}`)).status, 414);
    assert.equal((await get(`SID=${'%41'.repeat(2048)}`)).status, 404);
  });

  it('applies to every GET surface: data-storage script and journal too', async () => {
    const script = `${emulator.baseUrl}/dataStorage/js/D200001/qmore/${'0'.repeat(32)}/dataStorage.js`;
    assert.equal((await get(params(1025), script)).status, 414);
    assert.equal((await get(`x=${'v'.repeat(2049)}`, `${emulator.url}/journal`)).status, 414);
    assert.equal((await get('x=1', `${emulator.url}/journal`)).status, 200);
  });
});
