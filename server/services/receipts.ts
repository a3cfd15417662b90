import { and, asc, eq, lt, or, sql } from 'drizzle-orm';
import type { Receipt } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { roomMembers } from '../storage/schema';
import { requireMembership } from './membership';
import { toReceipt } from './serializers';

export type ReceiptKind = 'delivered' | 'read';

/**
 * Moves the caller's delivered (and for `read`, read) position forward, clamped to the
 * room's last seq; reading implies delivery. Returns the new receipt, or null when
 * nothing moved (a lower seq than stored is accepted and ignored).
 */
export async function advanceReceipt(db: Queryable, userId: string, roomId: string, seq: number, kind: ReceiptKind): Promise<Receipt | null> {
  const { room } = await requireMembership(db, roomId, userId);
  const target = Math.min(seq, room.lastSeq);
  const read = kind === 'read';
  const [row] = await db
    .update(roomMembers)
    .set({
      deliveredSeq: sql`greatest(${roomMembers.deliveredSeq}, ${target})`,
      ...(read ? { readSeq: sql`greatest(${roomMembers.readSeq}, ${target})` } : {}),
    })
    .where(
      and(
        eq(roomMembers.roomId, roomId),
        eq(roomMembers.userId, userId),
        read ? or(lt(roomMembers.deliveredSeq, target), lt(roomMembers.readSeq, target)) : lt(roomMembers.deliveredSeq, target),
      ),
    )
    .returning();
  return row ? toReceipt(row) : null;
}

/** Every member's receipt in a room the caller belongs to. */
export async function listReceipts(db: Queryable, userId: string, roomId: string): Promise<Receipt[]> {
  await requireMembership(db, roomId, userId);
  const rows = await db.select().from(roomMembers).where(eq(roomMembers.roomId, roomId)).orderBy(asc(roomMembers.joinedAt), asc(roomMembers.userId));
  return rows.map(toReceipt);
}
