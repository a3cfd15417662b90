/** The cursor rules of ChangeCatchUp, against a scripted server (the real one is in connection-service.sync.test.ts). */
import { describe, expect, it } from 'vitest';
import type { DesktopEvent } from '../../../common/ipc';
import type { Ack, ClientPayload, Message } from '../../../common/protocol';
import { ChangeCatchUp } from '../../../main/services/change-catch-up';
import { silentLogger } from '../support';

const ROOM = '00000000-0000-7000-8000-0000000000aa';
const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const OVERLAP = 1_000;

const msg = (n: number, atSeconds: number, body = `m${n}`): Message => ({
  id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  roomId: ROOM,
  seq: n,
  senderId: '00000000-0000-7000-8000-0000000000bb',
  clientId: `00000000-0000-7000-8000-${String(n + 1000).padStart(12, '0')}`,
  body,
  attachments: [],
  reactions: {},
  createdAt: new Date(T0).toISOString(),
  editedAt: null,
  deletedAt: null,
  updatedAt: new Date(T0 + atSeconds * 1000).toISOString(),
});

type ChangesAck = Ack<'messages:changes'>;

function setup(answer: (payload: ClientPayload<'messages:changes'>) => ChangesAck = () => ({ ok: true, messages: [], hasMore: false })) {
  const asked: Array<ClientPayload<'messages:changes'>> = [];
  const events: DesktopEvent[] = [];
  const connection = {
    request: async (_event: string, payload: unknown) => {
      asked.push(payload as ClientPayload<'messages:changes'>);
      return answer(payload as ClientPayload<'messages:changes'>);
    },
  } as never;
  const changes = new ChangeCatchUp(connection, (e) => events.push(e), silentLogger, { overlapMs: OVERLAP, pageSize: 2 });
  const updated = (): string[] => events.flatMap((e) => (e.type === 'message:updated' ? [e.payload.body] : []));
  return { changes, asked, updated };
}

const since = (atSeconds: number): string => new Date(T0 + atSeconds * 1000 - OVERLAP).toISOString();

describe('ChangeCatchUp', () => {
  it('asks for nothing on the first connect of a session, nor for a room first seen on this connection', async () => {
    const { changes, asked } = setup();
    changes.connecting();
    changes.seen(msg(1, 5));
    await changes.catchUp([ROOM]);
    expect(asked).toEqual([]);
    changes.reset();
    changes.connecting();
    await changes.catchUp([ROOM]);
    expect(asked).toEqual([]);
  });

  it('starts from what was complete before the reconnect, not from messages synced on it, and forwards only unseen versions', async () => {
    const { changes, asked, updated } = setup(() => ({
      ok: true,
      messages: [msg(2, 10), msg(1, 11, 'm1 edited'), msg(3, 20)],
      hasMore: false,
    }));
    changes.seen(msg(1, 9));
    changes.seen(msg(2, 10));
    changes.connecting();
    changes.seen(msg(3, 20)); // new, from the seq sync
    await changes.catchUp([ROOM]);
    expect(asked).toEqual([{ roomId: ROOM, since: since(10), limit: 2 }]);
    expect(updated()).toEqual(['m1 edited']);
  });

  it('catches a change stamped just before one already seen (a late commit), within the overlap', async () => {
    const { changes, updated } = setup(() => ({ ok: true, messages: [msg(1, 9.5, 'late'), msg(2, 10)], hasMore: false }));
    changes.seen(msg(1, 9));
    changes.seen(msg(2, 10));
    changes.connecting();
    await changes.catchUp([ROOM]);
    expect(updated()).toEqual(['late']);
  });

  it('pages with the (updatedAt, id) of the last change', async () => {
    const pages = [
      { ok: true as const, messages: [msg(1, 11, 'a'), msg(2, 11, 'b')], hasMore: true },
      { ok: true as const, messages: [msg(3, 12, 'c')], hasMore: false },
    ];
    const { changes, asked, updated } = setup(() => pages.shift()!);
    changes.seen(msg(9, 10));
    changes.connecting();
    await changes.catchUp([ROOM]);
    expect(asked[1]).toEqual({ roomId: ROOM, since: msg(2, 11).updatedAt, sinceId: msg(2, 11).id, limit: 2 });
    expect(updated()).toEqual(['a', 'b', 'c']);
  });

  it('a room whose catch-up failed starts from the same place next time, whatever arrived in between', async () => {
    let fail = true;
    const { changes, asked } = setup(() =>
      fail ? { ok: false, error: { code: 'internal', message: 'offline' } } : { ok: true, messages: [], hasMore: false },
    );
    changes.seen(msg(1, 10));
    changes.connecting();
    await changes.catchUp([ROOM]);
    changes.seen(msg(2, 30)); // live, after the failed catch-up
    fail = false;
    changes.connecting();
    await changes.catchUp([ROOM]);
    expect(asked.map((a) => a.since)).toEqual([since(10), since(10)]);
    changes.connecting();
    await changes.catchUp([ROOM]);
    expect(asked.at(-1)?.since).toBe(since(30));
  });

  it('never replaces a newer version that arrived live by an older one from a catch-up page', async () => {
    const live = msg(1, 12, 'live');
    const { changes, updated } = setup(() => {
      changes.seen(live); // pushed while the page was on its way
      return { ok: true, messages: [msg(1, 11, 'older')], hasMore: false };
    });
    changes.seen(msg(1, 10));
    changes.connecting();
    await changes.catchUp([ROOM]);
    expect(updated()).toEqual([]);
  });

  it('forgets rooms that are no longer in the room list', async () => {
    const { changes, asked } = setup();
    changes.seen(msg(1, 10));
    changes.connecting();
    await changes.catchUp([]);
    changes.connecting();
    await changes.catchUp([ROOM]);
    expect(asked).toEqual([]);
  });
});
