/**
 * Thread replies inside one send batch, on real storage (PGlite, and PostgreSQL when reachable):
 * the roots are checked in one query and their summaries updated in one statement per batch,
 * bad roots are refused without using a seq, each root goes back once (on its last new reply),
 * and a batch without replies sends no thread statement at all.
 */
import type { Logger } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../common/protocol';
import { writeSendBatch, type SendOutcome, type SendRequest } from '../../../server/services/send-batch-writer';
import type { Database } from '../../../server/storage/database';
import * as schema from '../../../server/storage/schema';
import { storages } from '../../support/test-server';
import { openLoggedDatabase } from '../../support/logged-database';

const STORAGES = await storages();

class QueryLog implements Logger {
  readonly queries: string[] = [];
  logQuery(query: string): void {
    this.queries.push(query);
  }
}

const ok = (outcome: SendOutcome | undefined) => {
  if (!outcome || 'error' in outcome) throw new Error(`expected a stored message, got ${outcome ? outcome.error.message : 'nothing'}`);
  return outcome;
};

describe.each(STORAGES)('send batch with thread replies (%s)', (kind) => {
  const log = new QueryLog();
  let db: Database;
  let close: () => Promise<void>;
  let alice: string;
  let bob: string;
  let roomId: string;
  let otherRoomId: string;

  const request = (senderId: string, room: string, body: string, threadRootId?: string): SendRequest => ({
    senderId,
    roomId: room,
    clientId: uuidv7(),
    body,
    attachments: [],
    ...(threadRootId ? { threadRootId } : {}),
  });

  beforeAll(async () => {
    ({ db, close } = await openLoggedDatabase(kind, log));
    [alice, bob] = [uuidv7(), uuidv7()];
    await db.insert(schema.users).values([alice, bob].map((id) => ({ id, username: `u${id.slice(-12)}`, passwordHash: 'x', displayName: 'User' })));
    [roomId, otherRoomId] = [uuidv7(), uuidv7()];
    await db.insert(schema.rooms).values([roomId, otherRoomId].map((id) => ({ id, kind: 'group' as const, name: 'g' })));
    await db.insert(schema.roomMembers).values([roomId, otherRoomId].flatMap((room) => [alice, bob].map((userId) => ({ roomId: room, userId }))));
  });
  afterAll(async () => close?.());

  it('checks roots in one query, updates summaries in one statement, refuses bad roots without a seq, returns each root once', async () => {
    const [rootA, rootB, elsewhere] = (
      await writeSendBatch(db, [request(alice, roomId, 'root A'), request(bob, roomId, 'root B'), request(alice, otherRoomId, 'other room')])
    ).map((o) => ok(o).message);
    const replyToReply = ok((await writeSendBatch(db, [request(bob, roomId, 'seed', rootA!.id)]))[0]).message;

    log.queries.length = 0;
    const batch = [
      request(bob, roomId, 'a1', rootA!.id),
      request(alice, roomId, 'plain'),
      request(alice, roomId, 'b1', rootB!.id),
      request(alice, roomId, 'bad: reply as root', replyToReply.id),
      request(alice, roomId, 'a2', rootA!.id),
      request(bob, roomId, 'bad: root of another room', elsewhere!.id),
      request(bob, roomId, 'bad: unknown root', uuidv7()),
      request(bob, otherRoomId, 'other room reply', elsewhere!.id),
    ];
    const outcomes = await writeSendBatch(db, batch);
    const [a1, plain, b1, badReply, a2, badRoom, badUnknown, otherReply] = outcomes;

    for (const bad of [badReply, badRoom, badUnknown]) {
      expect(bad && 'error' in bad && bad.error).toBeInstanceOf(ProtocolError);
      expect(bad && 'error' in bad && bad.error.code).toBe('invalid_input');
    }
    // rootA 1, rootB 2, seed reply 3: the batch's five stored messages of the room take 4..7.
    expect([a1, plain, b1, a2].map((o) => ok(o).message.seq)).toEqual([4, 5, 6, 7]);
    expect(ok(otherReply).message.seq).toBe(2);
    expect(ok(a1).message.threadRootId).toBe(rootA!.id);
    expect(ok(plain).message.threadRootId).toBeNull();

    // Each root once, on the batch's last new reply to it, with the summary after the whole batch.
    expect(ok(a1).threadRoot).toBeUndefined();
    expect(ok(plain).threadRoot).toBeUndefined();
    expect(ok(a2).threadRoot?.thread).toEqual({ replyCount: 3, lastReplyAt: ok(a2).message.createdAt, participantIds: [alice, bob] });
    expect(ok(b1).threadRoot?.thread).toEqual({ replyCount: 1, lastReplyAt: ok(b1).message.createdAt, participantIds: [bob, alice] });
    expect(ok(otherReply).threadRoot?.id).toBe(elsewhere!.id);
    expect(Date.parse(ok(a2).threadRoot!.updatedAt!)).toBeGreaterThanOrEqual(Date.parse(rootA!.updatedAt!));

    const rootChecks = log.queries.filter((q) => /for update/i.test(q) && /"thread_root_id" is null/.test(q));
    const summaryUpdates = log.queries.filter((q) => /^update "messages" set .*"thread_reply_count" =/.test(q));
    expect(rootChecks).toHaveLength(1);
    expect(summaryUpdates).toHaveLength(1);
  });

  it('a batch without replies sends no thread statement', async () => {
    log.queries.length = 0;
    const outcomes = await writeSendBatch(db, [request(alice, roomId, 'x'), request(bob, roomId, 'y')]);
    expect(outcomes.map((o) => ok(o).threadRoot)).toEqual([undefined, undefined]);
    expect(log.queries.filter((q) => /"thread_reply_count" =|"thread_root_id" is null/.test(q))).toEqual([]);
  });
});
