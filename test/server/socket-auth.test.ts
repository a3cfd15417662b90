import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_EVENT_NAMES, UNAUTHORIZED_CONNECT_ERROR } from '../../common/protocol';
import {
  closeAllClients,
  connectError,
  connectUser,
  createRoom,
  expectAckError,
  newClientId,
  newMember,
  register,
  send,
  type Member,
} from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();

describe.each(STORAGES)('Socket.IO auth and input validation (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { RATE_LIMIT_MESSAGES: '1000' } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  describe('connect', () => {
    it('a valid token connects and the socket answers', async () => {
      const reg = await register(server);
      const c = await connectUser(server, reg);
      expect(c.connected).toBe(true);
      c.close();
    });

    it.each([
      ['no auth at all', undefined],
      ['an empty auth object', {}],
      ['a non-string token', { token: 12345 }],
      ['an empty token', { token: '' }],
      ['a garbage token', { token: 'not-a-jwt' }],
    ])('refuses %s with connect_error "unauthorized"', async (_what, auth) => {
      const err = await connectError(server, auth);
      expect(err.message).toBe(UNAUTHORIZED_CONNECT_ERROR);
    });

    it('refuses a forged token (tampered payload or signature)', async () => {
      const reg = await register(server);
      const [h, p, s] = reg.token.split('.') as [string, string, string];
      const flip = (x: string): string => `${x.slice(0, -2)}${x.at(-2) === 'A' ? 'B' : 'A'}${x.slice(-1)}`;
      for (const token of [`${h}.${flip(p)}.${s}`, `${h}.${p}.${flip(s)}`, `${h}.${p}.`]) {
        const err = await connectError(server, { token });
        expect(err.message).toBe(UNAUTHORIZED_CONNECT_ERROR);
      }
    });
  });

  describe('malformed input', () => {
    let alice: Member;
    let bob: Member;
    let roomId: string;

    beforeAll(async () => {
      alice = await newMember(server, 'mal_a');
      bob = await newMember(server, 'mal_b');
      roomId = (await createRoom(alice.c, 'group', [bob])).id;
    });

    /** The server still serves the offending client and another client gets pushes. */
    async function stillServing(): Promise<void> {
      expect(alice.c.connected).toBe(true);
      expect(bob.c.connected).toBe(true);
      const msg = await send(alice.c, roomId, `still alive ${Math.random()}`);
      await bob.c.waitFor('message:new', (m) => m.id === msg.id);
      const rooms = await bob.c.ok('rooms:list', {});
      expect(rooms.rooms.map((r) => r.id)).toContain(roomId);
    }

    const junk: Array<[string, unknown]> = [
      ['null', null],
      ['a string', 'hello'],
      ['a number', 42],
      ['an array', [1, 2, 3]],
      ['a boolean', true],
      ['a huge string', 'x'.repeat(200_000)],
    ];

    it.each(junk)('every client event answers invalid_input to %s', async (_what, payload) => {
      for (const event of CLIENT_EVENT_NAMES) {
        const ack = await alice.c.rawCall(event, [payload]);
        expectAckError(ack, 'invalid_input', `${event}(${JSON.stringify(payload)?.slice(0, 20)})`);
      }
      await stillServing();
    });

    it('every event that needs fields answers invalid_input to {} and to wrongly typed fields', async () => {
      for (const event of CLIENT_EVENT_NAMES) {
        if (event === 'rooms:list' || event === 'rooms:browse') continue;
        expectAckError(await alice.c.rawCall(event, [{}]), 'invalid_input', `${event}({})`);
        const wrong = {
          roomId: 5,
          userId: [],
          userIds: 'x',
          messageId: { id: 1 },
          clientId: 7,
          body: 99,
          kind: 'nope',
          name: 3,
          emoji: 1,
          add: 'yes',
          seq: '3',
          query: 5,
          typing: 'yes',
          status: 'sleeping',
          after: 'x',
        };
        expectAckError(await alice.c.rawCall(event, [wrong]), 'invalid_input', `${event}(wrong types)`);
      }
      await stillServing();
    });

    const id = newClientId();
    it.each([
      ['messages:send', 'a roomId that is not a UUID', { roomId: 'not-a-uuid', clientId: id, body: 'x' }],
      ['messages:send', 'a roomId with a bad hex digit', { roomId: '00000000-0000-0000-0000-00000000000g', clientId: id, body: 'x' }],
      ['messages:send', 'a clientId that is not a UUID', { roomId: id, clientId: 'abc', body: 'x' }],
      ['messages:history', 'limit 0', { roomId: id, limit: 0 }],
      ['messages:history', 'limit 101', { roomId: id, limit: 101 }],
      ['messages:history', 'before -1', { roomId: id, before: -1 }],
      ['messages:history', 'limit 1.5', { roomId: id, limit: 1.5 }],
      ['messages:sync', 'after -1', { roomId: id, after: -1 }],
      ['messages:sync', 'limit 501', { roomId: id, after: 0, limit: 501 }],
      ['receipts:read', 'seq -5', { roomId: id, seq: -5 }],
      ['receipts:delivered', 'seq null', { roomId: id, seq: null }],
      ['rooms:create', 'kind dm', { kind: 'dm', name: 'x' }],
      ['rooms:create', 'a blank name', { kind: 'channel', name: '   ' }],
      ['rooms:create', 'an 81-character name', { kind: 'channel', name: 'x'.repeat(81) }],
      ['rooms:invite', 'no userIds', { roomId: id, userIds: [] }],
      ['presence:set', 'status offline', { status: 'offline' }],
      ['messages:react', 'an empty emoji', { messageId: id, emoji: '', add: true }],
      ['messages:search', 'a blank query', { query: '   ' }],
    ] as Array<[string, string, unknown]>)('%s with %s is invalid_input', async (event, _what, payload) => {
      expectAckError(await alice.c.rawCall(event, [payload]), 'invalid_input', event);
    });

    it('an unknown event with an ack gets invalid_input', async () => {
      expectAckError(await alice.c.rawCall('no:such-event', [{ roomId }], 3000), 'invalid_input', 'no:such-event');
      expectAckError(await alice.c.rawCall('__proto__', [{}]), 'invalid_input', '__proto__');
      await stillServing();
    });

    it('events without an ack callback are ignored, not fatal', async () => {
      alice.c.rawEmit('messages:send', { roomId, clientId: newClientId(), body: 'no ack here' });
      alice.c.rawEmit('messages:send', null);
      alice.c.rawEmit('rooms:list');
      alice.c.rawEmit('no:such-event', 1, 2, 3);
      alice.c.rawEmit('typing', { roomId, typing: true });
      await stillServing();
    });

    it('an ack callback in the payload position is answered or ignored, never fatal', async () => {
      for (const event of ['rooms:list', 'messages:send', 'typing']) {
        const ack = await alice.c.rawCall(event, [], 1500).catch(() => 'timeout');
        if (ack !== 'timeout') {
          const a = ack as { ok: boolean };
          // rooms:list with no payload may be served as {}; anything else must be invalid_input.
          if (!(event === 'rooms:list' && a.ok === true)) expectAckError(ack, 'invalid_input', event);
        }
      }
      await stillServing();
    });

    it('extra arguments and prototype-pollution keys do not break anything', async () => {
      const ack = await alice.c.rawCall('rooms:list', [{}, 'extra', 3]);
      expect((ack as { ok: boolean }).ok === true || (ack as { ok: boolean }).ok === false).toBe(true);
      const polluted = JSON.parse(
        `{"roomId":"${roomId}","clientId":"${newClientId()}","body":"proto","__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}`,
      ) as unknown;
      const sent = (await alice.c.rawCall('messages:send', [polluted])) as { ok: boolean };
      expect(typeof sent.ok).toBe('boolean');
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      await stillServing();
    });

    it('a payload over the transport limit only affects the sender', async () => {
      const bully = await newMember(server, 'mal_big');
      const big = 'y'.repeat(2_500_000);
      await bully.c.rawCall('messages:send', [{ roomId, clientId: newClientId(), body: big }], 3000).catch(() => undefined);
      await stillServing();
      bully.c.close();
    });
  });
});
