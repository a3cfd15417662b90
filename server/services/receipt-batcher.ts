import { sql } from 'drizzle-orm';
import { ProtocolError, type Receipt } from '../../common/protocol';
import type { Logger } from '../logger';
import type { Database } from '../storage/database';
import { roomMembers, rooms } from '../storage/schema';
import { GroupCommitQueue, type Waiting as GenericWaiting } from './group-commit-queue';
import { toReceipt } from './serializers';

/** A member moving its delivered (and for `read`, read) position forward. */
export interface ReceiptRequest {
  userId: string;
  roomId: string;
  seq: number;
  read: boolean;
}

type Waiting = GenericWaiting<ReceiptRequest, Receipt | null>;

/** Most (room, member) positions one statement moves. */
const RECEIPT_BATCH_MAX = 500;
const notStored = () => new ProtocolError('rate_limited', 'the receipt could not be stored; send it again');
const memberKey = (r: ReceiptRequest) => `${r.roomId}:${r.userId}`;

/**
 * Coalesces receipts like the send path's group commit: one UPDATE at a time, covering every
 * receipt that arrived meanwhile, the highest position per member and room. Each receipt
 * resolves once that statement committed: with the new receipt for the first receipt of a
 * member that moved (the one to push), null for the others and when nothing moved.
 */
export class ReceiptBatcher {
  private readonly queue = new GroupCommitQueue<ReceiptRequest, Receipt | null>((batch) => this.commit(batch), { maxBatch: RECEIPT_BATCH_MAX });

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  submit(request: ReceiptRequest): Promise<Receipt | null> {
    return this.queue.submit(request);
  }

  private async commit(batch: Waiting[]): Promise<void> {
    const merged = new Map<string, { roomId: string; userId: string; delivered: number; read: number; first: Waiting }>();
    for (const waiting of batch) {
      const { roomId, userId, seq, read } = waiting.request;
      const entry = merged.get(memberKey(waiting.request));
      if (entry) {
        entry.delivered = Math.max(entry.delivered, seq);
        if (read) entry.read = Math.max(entry.read, seq);
      } else merged.set(memberKey(waiting.request), { roomId, userId, delivered: seq, read: read ? seq : 0, first: waiting });
    }
    let moved: Map<string, Receipt>;
    try {
      moved = await this.write([...merged.values()]);
    } catch (error) {
      this.logger.warn({ err: error, receipts: batch.length }, 'a batch of receipts could not be stored; its senders were told to retry');
      for (const waiting of batch) waiting.reject(notStored());
      return;
    }
    for (const waiting of batch) {
      const key = memberKey(waiting.request);
      waiting.resolve(merged.get(key)?.first === waiting ? (moved.get(key) ?? null) : null);
    }
  }

  /** Clamped to each room's last seq; reading implies delivery; only rows that move are written. */
  private async write(entries: ReadonlyArray<{ roomId: string; userId: string; delivered: number; read: number }>): Promise<Map<string, Receipt>> {
    const values = entries.map((e) => sql`(${e.roomId}::uuid, ${e.userId}::uuid, ${e.delivered}::integer, ${e.read}::integer)`);
    const result = await this.db.execute(sql`
      update ${roomMembers} set
        delivered_seq = greatest(${roomMembers.deliveredSeq}, least(v.delivered, ${rooms.lastSeq})),
        read_seq = greatest(${roomMembers.readSeq}, least(v.read, ${rooms.lastSeq}))
      from (values ${sql.join(values, sql`, `)}) as v(room_id, user_id, delivered, read), ${rooms}
      where ${roomMembers.roomId} = v.room_id and ${roomMembers.userId} = v.user_id and ${rooms.id} = v.room_id
        and (${roomMembers.deliveredSeq} < least(v.delivered, ${rooms.lastSeq}) or ${roomMembers.readSeq} < least(v.read, ${rooms.lastSeq}))
      returning ${roomMembers.roomId} as "roomId", ${roomMembers.userId} as "userId", ${roomMembers.deliveredSeq} as "deliveredSeq", ${roomMembers.readSeq} as "readSeq"`);
    const rows = (result as { rows: Array<{ roomId: string; userId: string; deliveredSeq: number; readSeq: number }> }).rows;
    return new Map(rows.map((row) => [`${row.roomId}:${row.userId}`, toReceipt(row)]));
  }
}
