import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllClients, createRoom, idsOf, newClientId, newMembers, send, type Member } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
/** A word no other test uses (letters only, so any tokenizer keeps it whole). */
const uniqueWord = (): string => `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

describe.each(STORAGES)('messages:search (%s)', (storage) => {
  let server: TestServer;
  let alice: Member;
  let bob: Member;
  let eve: Member;
  let shared: string;
  let alicesChannel: string;
  let evesRoom: string;

  beforeAll(async () => {
    // This suite searches far more often than a person: the search budget is tested in limits.test.ts.
    server = await startTestServer(storage, { env: { RATE_LIMIT_MESSAGES: '1000', RATE_LIMIT_SEARCHES: '1000' } });
    [alice, bob, eve] = (await newMembers(server, 3, 'sr')) as [Member, Member, Member];
    shared = (await createRoom(alice.c, 'group', [bob])).id;
    alicesChannel = (await createRoom(alice.c, 'channel')).id;
    evesRoom = (await createRoom(eve.c, 'channel')).id;
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it("finds a word in the caller's rooms and never in rooms the caller is not in", async () => {
    const word = uniqueWord();
    const inShared = await send(alice.c, shared, `the ${word} is in the shared group`);
    const inChannel = await send(alice.c, alicesChannel, `another ${word} in alice's channel`);
    const inEves = await send(eve.c, evesRoom, `eve says ${word} too`);
    await send(alice.c, shared, 'nothing to see here');

    const forBob = await bob.c.ok('messages:search', { query: word });
    expect(idsOf(forBob.messages).sort()).toEqual([inShared.id]);
    expect(forBob.messages[0]).toMatchObject({ id: inShared.id, roomId: shared, body: inShared.body, seq: inShared.seq });

    const forAlice = await alice.c.ok('messages:search', { query: word });
    expect(idsOf(forAlice.messages).sort()).toEqual(idsOf([inShared, inChannel]).sort());

    const forEve = await eve.c.ok('messages:search', { query: word });
    expect(idsOf(forEve.messages).sort()).toEqual([inEves.id]);
  });

  it('a public channel the caller has not joined is not searched', async () => {
    const word = uniqueWord();
    await send(eve.c, evesRoom, `public but not joined ${word}`);
    const res = await bob.c.ok('messages:search', { query: word });
    expect(res.messages).toEqual([]);
  });

  it('roomId narrows the search; a room the caller is not in is forbidden', async () => {
    const word = uniqueWord();
    const a = await send(alice.c, shared, `${word} one`);
    const b = await send(alice.c, alicesChannel, `${word} two`);
    const narrowed = await alice.c.ok('messages:search', { query: word, roomId: alicesChannel });
    expect(idsOf(narrowed.messages).sort()).toEqual([b.id]);
    const other = await alice.c.ok('messages:search', { query: word, roomId: shared });
    expect(idsOf(other.messages).sort()).toEqual([a.id]);
    await bob.c.fail('messages:search', { query: word, roomId: alicesChannel }, 'forbidden');
    await bob.c.fail('messages:search', { query: word, roomId: evesRoom }, 'forbidden');
    await bob.c.fail('messages:search', { query: word, roomId: newClientId() }, 'not_found');
  });

  it('deleted messages are not found; edited ones are found by their new text only', async () => {
    const gone = uniqueWord();
    const old = uniqueWord();
    const fresh = uniqueWord();
    const d = await send(alice.c, shared, `soon deleted ${gone}`);
    const e = await send(alice.c, shared, `soon edited ${old}`);
    await alice.c.ok('messages:delete', { messageId: d.id });
    await alice.c.ok('messages:edit', { messageId: e.id, body: `now edited ${fresh}` });
    expect((await bob.c.ok('messages:search', { query: gone })).messages).toEqual([]);
    expect((await bob.c.ok('messages:search', { query: old })).messages).toEqual([]);
    const found = await bob.c.ok('messages:search', { query: fresh });
    expect(idsOf(found.messages).sort()).toEqual([e.id]);
    expect(found.messages[0]?.body).toBe(`now edited ${fresh}`);
  });

  it('messages of a room the caller left are no longer found', async () => {
    const word = uniqueWord();
    const [carol] = (await newMembers(server, 1, 'srl')) as [Member];
    const group = await createRoom(alice.c, 'group', [carol]);
    await send(alice.c, group.id, `before leaving ${word}`);
    expect((await carol.c.ok('messages:search', { query: word })).messages).toHaveLength(1);
    await carol.c.ok('rooms:leave', { roomId: group.id });
    expect((await carol.c.ok('messages:search', { query: word })).messages).toEqual([]);
  });

  it('limit is honoured', async () => {
    const word = uniqueWord();
    for (let i = 0; i < 6; i++) await send(bob.c, shared, `${word} number ${i}`);
    const two = await alice.c.ok('messages:search', { query: word, limit: 2 });
    expect(two.messages).toHaveLength(2);
    for (const m of two.messages) expect(m.body).toContain(word);
    const all = await alice.c.ok('messages:search', { query: word });
    expect(all.messages).toHaveLength(6);
    await alice.c.failRaw('messages:search', { query: word, limit: 0 }, 'invalid_input');
    await alice.c.failRaw('messages:search', { query: word, limit: 101 }, 'invalid_input');
  });

  it('a query with SQL or search-syntax characters is harmless', async () => {
    for (const query of ["' OR 1=1 --", '%', '_', '&|!():*', '"unclosed', '\\']) {
      const res = await alice.c.ok('messages:search', { query });
      for (const m of res.messages) expect([shared, alicesChannel]).toContain(m.roomId);
    }
  });
});
