import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '../../common/protocol';
import { closeAllClients, connectUser, createRoom, newClientId, newMembers, send, type Member, type ProtocolClient } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();

describe.each(STORAGES)('receipts and unread counts (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { RATE_LIMIT_MESSAGES: '1000' } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  async function receiptOf(c: ProtocolClient, roomId: string, userId: string): Promise<Receipt | undefined> {
    const { receipts } = await c.ok('receipts:list', { roomId });
    return receipts.find((r) => r.userId === userId);
  }
  async function roomState(m: Member, roomId: string) {
    const room = (await m.c.ok('rooms:list', {})).rooms.find((r) => r.id === roomId);
    if (!room) throw new Error('room not in rooms:list');
    return room;
  }

  it('delivered and read only move forward; read implies delivered; every member gets receipt', async () => {
    const [alice, bob, carol] = await newMembers(server, 3, 'rc');
    const bob2 = await connectUser(server, bob!);
    const room = await createRoom(alice!.c, 'group', [bob!, carol!]);
    for (let i = 1; i <= 6; i++) await send(alice!.c, room.id, `m${i}`);
    const byBob = (seqD: number, seqR: number) => (r: Receipt) =>
      r.roomId === room.id && r.userId === bob!.user.id && r.deliveredSeq === seqD && r.readSeq === seqR;

    expect(await bob!.c.ok('receipts:delivered', { roomId: room.id, seq: 3 })).toEqual({});
    for (const c of [alice!.c, carol!.c, bob!.c, bob2]) await c.waitFor('receipt', byBob(3, 0));

    await bob!.c.ok('receipts:read', { roomId: room.id, seq: 2 });
    await alice!.c.waitFor('receipt', byBob(3, 2));
    expect(await receiptOf(carol!.c, room.id, bob!.user.id)).toEqual({
      roomId: room.id,
      userId: bob!.user.id,
      deliveredSeq: 3,
      readSeq: 2,
    });

    // lower values are accepted and ignored (a push, if any, never shows a step back)
    alice!.c.clear();
    expect(await bob!.c.ok('receipts:delivered', { roomId: room.id, seq: 1 })).toEqual({});
    expect(await bob!.c.ok('receipts:read', { roomId: room.id, seq: 1 })).toEqual({});
    expect(await receiptOf(alice!.c, room.id, bob!.user.id)).toMatchObject({ deliveredSeq: 3, readSeq: 2 });
    await new Promise((r) => setTimeout(r, 200));
    expect(alice!.c.events('receipt', (r) => r.userId === bob!.user.id && (r.deliveredSeq < 3 || r.readSeq < 2))).toEqual([]);

    // read beyond delivered moves delivered too
    await bob2.ok('receipts:read', { roomId: room.id, seq: 5 });
    await carol!.c.waitFor('receipt', byBob(5, 5));
    expect(await receiptOf(bob!.c, room.id, bob!.user.id)).toMatchObject({ deliveredSeq: 5, readSeq: 5 });

    // delivered may run ahead of read
    await bob!.c.ok('receipts:delivered', { roomId: room.id, seq: 6 });
    await alice!.c.waitFor('receipt', byBob(6, 5));
    expect(await receiptOf(alice!.c, room.id, bob!.user.id)).toMatchObject({ deliveredSeq: 6, readSeq: 5 });
  });

  it('receipts:list shows every member, starting at 0', async () => {
    const [alice, bob] = await newMembers(server, 2, 'rcl');
    const room = await createRoom(alice!.c, 'group', [bob!]);
    await send(alice!.c, room.id, 'x');
    const { receipts } = await bob!.c.ok('receipts:list', { roomId: room.id });
    const bobs = receipts.find((r) => r.userId === bob!.user.id);
    expect(bobs ?? { deliveredSeq: 0, readSeq: 0 }).toMatchObject({ deliveredSeq: 0, readSeq: 0 });
    for (const r of receipts) expect([alice!.user.id, bob!.user.id]).toContain(r.userId);
  });

  it('unreadCount follows the caller’s readSeq and ignores the caller’s own messages', async () => {
    const [alice, bob] = await newMembers(server, 2, 'unr');
    const room = await createRoom(alice!.c, 'group', [bob!]);
    for (let i = 1; i <= 5; i++) await send(alice!.c, room.id, `a${i}`); // seqs 1..5
    expect((await roomState(bob!, room.id)).unreadCount).toBe(5);
    expect((await roomState(alice!, room.id)).unreadCount).toBe(0);

    await send(bob!.c, room.id, 'b6'); // seq 6
    await send(bob!.c, room.id, 'b7'); // seq 7
    expect((await roomState(bob!, room.id)).unreadCount).toBe(5);
    expect((await roomState(alice!, room.id)).unreadCount).toBe(2);

    await bob!.c.ok('receipts:read', { roomId: room.id, seq: 3 });
    const state = await roomState(bob!, room.id);
    expect(state.unreadCount).toBe(2); // alice's 4 and 5
    if (state.readSeq !== undefined) expect(state.readSeq).toBe(3);
    expect(state.lastSeq).toBe(7);
    expect(state.lastMessage?.seq).toBe(7);

    // delivered does not change the unread count
    await bob!.c.ok('receipts:delivered', { roomId: room.id, seq: 7 });
    expect((await roomState(bob!, room.id)).unreadCount).toBe(2);

    await bob!.c.ok('receipts:read', { roomId: room.id, seq: 7 });
    expect((await roomState(bob!, room.id)).unreadCount).toBe(0);
    await send(alice!.c, room.id, 'a8');
    expect((await roomState(bob!, room.id)).unreadCount).toBe(1);
    // alice's count is unaffected by bob's reads
    expect((await roomState(alice!, room.id)).unreadCount).toBe(2);
  });

  it('non-members are forbidden, unknown rooms not_found, and nothing is pushed', async () => {
    const [alice, bob, eve] = await newMembers(server, 3, 'rcf');
    const room = await createRoom(alice!.c, 'group', [bob!]);
    await send(alice!.c, room.id, 'private');
    await eve!.c.fail('receipts:delivered', { roomId: room.id, seq: 1 }, 'forbidden');
    await eve!.c.fail('receipts:read', { roomId: room.id, seq: 1 }, 'forbidden');
    await eve!.c.fail('receipts:list', { roomId: room.id }, 'forbidden');
    await eve!.c.fail('receipts:read', { roomId: newClientId(), seq: 1 }, 'not_found');
    await new Promise((r) => setTimeout(r, 200));
    expect(alice!.c.events('receipt', (r) => r.userId === eve!.user.id)).toEqual([]);
    expect(eve!.c.events('receipt')).toEqual([]);
  });
});
