import { and, eq } from 'drizzle-orm';
import type { ParsedPayload } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { roomMembers } from '../storage/schema';
import { requireMembership } from './membership';

/** Sets the caller's own notification level for a room (members only; nobody else's view changes). */
export async function setNotifyLevel(db: Queryable, userId: string, input: ParsedPayload<'rooms:notify'>): Promise<void> {
  await requireMembership(db, input.roomId, userId);
  await db
    .update(roomMembers)
    .set({ notify: input.level })
    .where(and(eq(roomMembers.roomId, input.roomId), eq(roomMembers.userId, userId)));
}
