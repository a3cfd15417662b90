import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REACTIONS_PER_MESSAGE_MAX } from '../../common/protocol';
import { closeAllClients, createRoom, newMembers, send, type Member } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();

/** Distinct RGI emoji: the smileys block from U+1F600 on are all single emoji. */
const distinctEmoji = (count: number): string[] => Array.from({ length: count }, (_, i) => String.fromCodePoint(0x1f600 + i));

describe.each(STORAGES)('reactions: one emoji each, a cap per message (%s)', (storage) => {
  let server: TestServer;
  let alice: Member;
  let bob: Member;
  let roomId: string;

  beforeAll(async () => {
    // The cap test reacts more often than a person would; the write budget is not under test here.
    server = await startTestServer(storage, { env: { RATE_LIMIT_WRITES: '1000' } });
    [alice, bob] = (await newMembers(server, 2, 'rct')) as [Member, Member];
    roomId = (await createRoom(alice.c, 'group', [bob])).id;
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it.each([
    ['a pictograph', '👍'],
    ['a skin tone', '👍🏿'],
    ['a ZWJ sequence', '🧑‍🚀'],
    ['a ZWJ sequence with skin tones', '🧑🏻‍🤝‍🧑🏾'],
    ['a flag', '🇯🇵'],
    ['a keycap', '#️⃣'],
  ])('accepts %s', async (_what, emoji) => {
    const message = await send(alice.c, roomId, `react with ${emoji}`);
    const { message: reacted } = await bob.c.ok('messages:react', { messageId: message.id, emoji, add: true });
    expect(reacted.reactions).toEqual({ [emoji]: [bob.user.id] });
  });

  it.each([
    ['text', 'lol'],
    ['a shortcode', ':+1:'],
    ['two emoji', '👍👍'],
    ['an emoji and text', '👍!'],
    ['empty', ''],
    ['whitespace', ' '],
  ])('refuses %s with invalid_input and stores nothing', async (_what, emoji) => {
    const message = await send(alice.c, roomId, 'not a reaction');
    await bob.c.fail('messages:react', { messageId: message.id, emoji, add: true }, 'invalid_input');
    const [stored] = (await bob.c.ok('messages:sync', { roomId, after: message.seq - 1, limit: 1 })).messages;
    expect(stored?.reactions).toEqual({});
  });

  it(`refuses a new distinct emoji past ${REACTIONS_PER_MESSAGE_MAX} with too_large; existing ones still take more people`, async () => {
    const message = await send(alice.c, roomId, 'popular');
    const emoji = distinctEmoji(REACTIONS_PER_MESSAGE_MAX + 1);
    for (const e of emoji.slice(0, REACTIONS_PER_MESSAGE_MAX)) await alice.c.ok('messages:react', { messageId: message.id, emoji: e, add: true });
    await bob.c.fail('messages:react', { messageId: message.id, emoji: emoji.at(-1)!, add: true }, 'too_large');
    const { message: joined } = await bob.c.ok('messages:react', { messageId: message.id, emoji: emoji[0]!, add: true });
    expect(joined.reactions[emoji[0]!]).toEqual([alice.user.id, bob.user.id]);
    expect(Object.keys(joined.reactions)).toHaveLength(REACTIONS_PER_MESSAGE_MAX);
    // Room is made again by taking one away.
    await alice.c.ok('messages:react', { messageId: message.id, emoji: emoji[1]!, add: false });
    const { message: after } = await bob.c.ok('messages:react', { messageId: message.id, emoji: emoji.at(-1)!, add: true });
    expect(Object.keys(after.reactions)).toHaveLength(REACTIONS_PER_MESSAGE_MAX);
    expect(after.reactions[emoji.at(-1)!]).toEqual([bob.user.id]);
  });

  it('concurrent new emoji cannot overshoot the cap together', async () => {
    const message = await send(alice.c, roomId, 'race');
    const emoji = distinctEmoji(REACTIONS_PER_MESSAGE_MAX + 10);
    const acks = await Promise.all(emoji.map((e, i) => (i % 2 === 0 ? alice : bob).c.call('messages:react', { messageId: message.id, emoji: e, add: true })));
    expect(acks.filter((a) => a.ok)).toHaveLength(REACTIONS_PER_MESSAGE_MAX);
    expect(acks.filter((a) => !a.ok).map((a) => (a.ok ? null : a.error.code))).toEqual(Array(10).fill('too_large'));
    const [stored] = (await bob.c.ok('messages:sync', { roomId, after: message.seq - 1, limit: 1 })).messages;
    expect(Object.keys(stored?.reactions ?? {})).toHaveLength(REACTIONS_PER_MESSAGE_MAX);
  });
});
