import { sql } from 'drizzle-orm';
import { ProtocolError } from '../../common/protocol';
import type { Database } from '../storage/database';
import { users } from '../storage/schema';
import { GroupCommitQueue, type Waiting } from './group-commit-queue';

/** Most users one statement touches. */
const LAST_SEEN_BATCH_MAX = 1000;
const notStored = () => new ProtocolError('internal', 'last seen could not be stored');

/**
 * Presence's `last_seen_at` writes, coalesced like receipts: one UPDATE at a time for every user
 * whose presence changed meanwhile (the latest time per user), so 2,000 devices coming online
 * together cost a few statements instead of 2,000. Each call resolves with its own time once the
 * statement committed.
 */
export class LastSeenBatcher {
  private readonly queue = new GroupCommitQueue<{ userId: string; at: Date }, Date>((batch) => this.commit(batch), { maxBatch: LAST_SEEN_BATCH_MAX });

  constructor(private readonly db: Database) {}

  touch(userId: string, at: Date = new Date()): Promise<Date> {
    return this.queue.submit({ userId, at });
  }

  private async commit(batch: Array<Waiting<{ userId: string; at: Date }, Date>>): Promise<void> {
    const latest = new Map<string, Date>();
    for (const { request } of batch) {
      const seen = latest.get(request.userId);
      if (!seen || request.at > seen) latest.set(request.userId, request.at);
    }
    try {
      await this.db.execute(
        sql`update ${users} set last_seen_at = seen.at
            from unnest(${sql.param([...latest.keys()])}::uuid[], ${sql.param([...latest.values()].map((at) => at.toISOString()))}::timestamptz[]) as seen(id, at)
            where ${users.id} = seen.id`,
      );
    } catch (error) {
      const failure = notStored();
      failure.cause = error;
      for (const waiting of batch) waiting.reject(failure);
      return;
    }
    for (const waiting of batch) waiting.resolve(waiting.request.at);
  }
}
