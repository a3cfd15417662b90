import { isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { ProtocolError, type Message } from '../../common/protocol';
import type { Database } from '../storage/database';
import { messageColumns, type StoredMessage } from '../storage/message-columns';
import { attachments, messages, nowMs, roomMembers, rooms, type AttachmentRow } from '../storage/schema';
import { hydrateMessages } from './messages';
import { addRepliesToSummaries, lockThreadRoots } from './thread-summaries';
import { toAttachment, toMessage } from './serializers';

/** A send that passed every check that does not need the batch (membership, body, attachments). */
export interface SendRequest {
  senderId: string;
  roomId: string;
  clientId: string;
  body: string;
  /** The sender's own unattached uploads, checked before batching. */
  attachments: readonly AttachmentRow[];
  /** A reply: the thread root, checked by the batch (top-level, not deleted, same room). */
  threadRootId?: string;
}

/** `threadRoot`: the root with its new summary, on the batch's last new reply to it (pushed once per batch). */
export type SendResult = { message: Message; created: boolean; threadRoot?: Message };
export type SendOutcome = SendResult | { error: ProtocolError };

/**
 * A concurrent commit (another node, another batch) changed what this batch read: a message
 * with one of its clientIds, or one of its attachments, appeared after the checks. Nothing was
 * written; the batch is retried without the requests in `refused`.
 */
export class StaleBatchError extends Error {
  constructor(readonly refused: ReadonlyMap<SendRequest, ProtocolError>) {
    super('the batch raced a concurrent commit');
    this.name = 'StaleBatchError';
  }
}

const attachmentTaken = () => new ProtocolError('conflict', 'an attachment is already on another message');
const badThreadRoot = () => new ProtocolError('invalid_input', 'threadRootId must be a top-level, not deleted message of this room');
const clientIdInOtherRoom = () => new ProtocolError('conflict', 'this clientId was already used in another room');
const pairKey = (senderId: string, clientId: string) => `${senderId}:${clientId}`;
/**
 * One array parameter: the batch's statements keep one shape whatever its size (a few parameters
 * instead of several per message), so PostgreSQL parses small statements and drizzle builds them cheaply.
 */
const uuids = (ids: readonly string[]) => sql`${sql.param(ids)}::uuid[]`;

/**
 * Writes distinct (sender, clientId) requests in one transaction: the rooms' rows are locked in
 * id order (no deadlock between nodes), senders who are no longer members are refused, stored
 * clientIds become resends, the new messages get contiguous seqs in arrival order, and each
 * room's last_seq is bumped once. The outcomes are in request order; they hold only once the
 * transaction committed.
 */
export async function writeSendBatch(db: Database, requests: readonly SendRequest[]): Promise<SendOutcome[]> {
  const outcomes = new Map<SendRequest, SendOutcome>();
  const { stored, inserted, threadRoots } = await db.transaction(async (tx) => {
    const roomIds = [...new Set(requests.map((r) => r.roomId))].sort();
    const locked = await tx
      .select({ id: rooms.id, lastSeq: rooms.lastSeq })
      .from(rooms)
      .where(sql`${rooms.id} = any(${uuids(roomIds)})`)
      .orderBy(rooms.id)
      .for('update');
    const lastSeq = new Map(locked.map((room) => [room.id, room.lastSeq]));
    const members = await membersAmong(tx, requests);
    const roots = await lockThreadRoots(
      tx,
      requests.flatMap((r) => r.threadRootId ?? []),
      roomIds,
    );

    const existing = await tx
      .select(messageColumns)
      .from(messages)
      .where(
        sql`(${messages.senderId}, ${messages.clientId}) in (select * from unnest(${uuids(requests.map((r) => r.senderId))}, ${uuids(requests.map((r) => r.clientId))}))`,
      );
    const storedByPair = new Map(existing.map((row) => [pairKey(row.senderId, row.clientId), row]));

    const fresh: Array<{ request: SendRequest; id: string; seq: number }> = [];
    const storedRows: Array<{ request: SendRequest; row: StoredMessage }> = [];
    for (const request of requests) {
      const seq = lastSeq.get(request.roomId);
      // The room was deleted after the checks, or the sender left it: checked under the room's lock, before any resend.
      if (seq === undefined) {
        outcomes.set(request, { error: new ProtocolError('not_found', 'no such room') });
        continue;
      }
      if (!members.has(pairKey(request.senderId, request.roomId))) {
        outcomes.set(request, { error: new ProtocolError('forbidden', 'you are not a member of this room') });
        continue;
      }
      const row = storedByPair.get(pairKey(request.senderId, request.clientId));
      if (row) {
        if (row.roomId === request.roomId) storedRows.push({ request, row });
        else outcomes.set(request, { error: clientIdInOtherRoom() });
        continue;
      }
      if (request.threadRootId !== undefined && roots.get(request.threadRootId)?.roomId !== request.roomId) {
        outcomes.set(request, { error: badThreadRoot() });
        continue;
      }
      lastSeq.set(request.roomId, seq + 1);
      fresh.push({ request, id: uuidv7(), seq: seq + 1 });
    }
    if (fresh.length === 0) return { stored: storedRows, inserted: [], threadRoots: [] };

    const rows = await tx
      .insert(messages)
      .values(
        fresh.map(({ request, id, seq }) => ({
          id,
          roomId: request.roomId,
          seq,
          senderId: request.senderId,
          clientId: request.clientId,
          body: request.body,
          threadRootId: request.threadRootId ?? null,
          updatedAt: nowMs,
        })),
      )
      .onConflictDoNothing({ target: [messages.senderId, messages.clientId] })
      .returning(messageColumns);
    // A concurrent commit stored one of these clientIds after the read above: a skipped row would leave a seq gap.
    if (rows.length !== fresh.length) throw new StaleBatchError(new Map());

    const bumped = [...new Set(fresh.map((f) => f.request.roomId))];
    await tx.execute(
      sql`update ${rooms} set last_seq = bump.seq from unnest(${uuids(bumped)}, ${sql.param(bumped.map((id) => lastSeq.get(id)))}::integer[]) as bump(id, seq)
          where ${rooms.id} = bump.id`,
    );

    await attachAll(tx, fresh);
    const threadRoots = await addRepliesToSummaries(
      tx,
      roots,
      fresh.flatMap(({ request }) => (request.threadRootId === undefined ? [] : [{ rootId: request.threadRootId, senderId: request.senderId }])),
    );
    const rowById = new Map(rows.map((row) => [row.id, row]));
    return { stored: storedRows, inserted: fresh.map((f) => ({ request: f.request, row: rowById.get(f.id) })), threadRoots };
  });

  for (const { request, row } of inserted) {
    if (!row) throw new Error('insert returned no row for a message');
    outcomes.set(request, { message: toMessage(row, request.attachments.map(toAttachment), {}), created: true });
  }
  await attachThreadRoots(db, threadRoots, inserted, outcomes);
  if (stored.length > 0) {
    const hydrated = await hydrateMessages(
      db,
      stored.map((s) => s.row),
    );
    stored.forEach(({ request }, i) => outcomes.set(request, { message: hydrated[i]!, created: false }));
  }
  return requests.map((request) => {
    const outcome = outcomes.get(request);
    if (!outcome) throw new Error('a send of the batch has no outcome');
    return outcome;
  });
}

/** Hands each updated root to the outcome of the batch's last new reply to it. */
async function attachThreadRoots(
  db: Database,
  roots: readonly StoredMessage[],
  inserted: ReadonlyArray<{ request: SendRequest }>,
  outcomes: Map<SendRequest, SendOutcome>,
): Promise<void> {
  if (roots.length === 0) return;
  const hydrated = new Map((await hydrateMessages(db, roots)).map((root) => [root.id, root]));
  for (const { request } of [...inserted].reverse()) {
    const root = request.threadRootId === undefined ? undefined : hydrated.get(request.threadRootId);
    const outcome = outcomes.get(request);
    if (!root || !outcome || 'error' in outcome) continue;
    outcomes.set(request, { ...outcome, threadRoot: root });
    hydrated.delete(root.id);
  }
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The (sender, room) pairs of the batch that are memberships now, as pairKey(userId, roomId). */
async function membersAmong(tx: Tx, requests: readonly SendRequest[]): Promise<Set<string>> {
  const pairs = new Map(requests.map((r) => [pairKey(r.senderId, r.roomId), r]));
  const rows = await tx
    .select({ userId: roomMembers.userId, roomId: roomMembers.roomId })
    .from(roomMembers)
    .where(
      sql`(${roomMembers.roomId}, ${roomMembers.userId}) in (select * from unnest(${uuids([...pairs.values()].map((r) => r.roomId))}, ${uuids([...pairs.values()].map((r) => r.senderId))}))`,
    );
  return new Set(rows.map((row) => pairKey(row.userId, row.roomId)));
}

/** Links the new messages' attachments; one that is gone or taken meanwhile makes the batch stale. */
async function attachAll(tx: Tx, fresh: ReadonlyArray<{ request: SendRequest; id: string }>): Promise<void> {
  const links = fresh.flatMap(({ request, id }) => request.attachments.map((a) => ({ request, attachmentId: a.id, messageId: id })));
  if (links.length === 0) return;
  const values = links.map((l) => sql`(${l.attachmentId}::uuid, ${l.messageId}::uuid, ${l.request.senderId}::uuid)`);
  const linked = await tx.execute(
    sql`update ${attachments} set message_id = link.message_id from (values ${sql.join(values, sql`, `)}) as link(id, message_id, uploader_id)
        where ${attachments.id} = link.id and ${attachments.uploaderId} = link.uploader_id and ${isNull(attachments.messageId)}
        returning ${attachments.id}`,
  );
  const linkedIds = new Set(rowsOf<{ id: string }>(linked).map((row) => row.id));
  if (linkedIds.size === links.length) return;
  const refused = new Map<SendRequest, ProtocolError>();
  for (const link of links) if (!linkedIds.has(link.attachmentId)) refused.set(link.request, attachmentTaken());
  throw new StaleBatchError(refused);
}

/** Both drivers answer a raw `execute` with `{ rows }`. */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
