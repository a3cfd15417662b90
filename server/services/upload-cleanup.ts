import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Queryable } from '../storage/database';
import { attachments, messages } from '../storage/schema';

/** Rows removed per statement, so that one sweep never holds many row locks at once. */
const BATCH = 500;

export interface UploadCleanupOptions {
  /** The data directory the stored paths are relative to. */
  dataDir: string;
  /** An upload never attached to a message is kept this long after it was made. */
  unattachedGraceMs: number;
  logger: Logger;
}

/**
 * Removes, from the database and then from the disk, every upload that was never attached to a
 * message within the grace period, and every file of a deleted message. The rows are claimed
 * with DELETE ... RETURNING over `FOR UPDATE SKIP LOCKED`, so nodes sweeping at the same time
 * split the work and no file is removed twice. Returns how many uploads it removed.
 */
export async function removeStaleUploads(db: Queryable, options: UploadCleanupOptions): Promise<number> {
  const cutoff = new Date(Date.now() - options.unattachedGraceMs).toISOString();
  let removed = 0;
  for (;;) {
    const claimed = await db
      .delete(attachments)
      .where(
        sql`${attachments.id} in (
          select stale.id from ${attachments} stale
          where (stale.message_id is null and stale.created_at < ${cutoff}::timestamptz)
             or stale.message_id in (select ${messages.id} from ${messages} where ${messages.deletedAt} is not null)
          limit ${BATCH}
          for update skip locked
        )`,
      )
      .returning({ storagePath: attachments.storagePath });
    for (const { storagePath } of claimed) await removeFile(options, storagePath);
    removed += claimed.length;
    if (claimed.length < BATCH) return removed;
  }
}

async function removeFile(options: UploadCleanupOptions, storagePath: string): Promise<void> {
  const root = path.resolve(options.dataDir);
  const target = path.resolve(root, storagePath);
  if (!target.startsWith(root + path.sep)) {
    options.logger.error({ storagePath }, 'upload clean-up: a stored path points outside the data directory; file left in place');
    return;
  }
  // The row is gone already; a file that cannot be removed now is reported, not retried.
  await rm(target, { force: true }).catch((error: unknown) => options.logger.error({ err: error, storagePath }, 'upload clean-up: could not remove a file'));
}

export interface UploadCleanup {
  /** Runs one sweep now (after the one in progress, if any); resolves with the number removed. */
  runNow(): Promise<number>;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/** Sweeps every `intervalMs` (the first sweep one interval after start); failures are logged. */
export function startUploadCleanup(db: Queryable, options: UploadCleanupOptions & { intervalMs: number }): UploadCleanup {
  /** Settles when the latest sweep has; never rejects (each sweep's outcome is logged). */
  let settled: Promise<void> = Promise.resolve();
  const sweep = (): Promise<number> => {
    const next = settled.then(() => removeStaleUploads(db, options));
    settled = next.then(
      (removed) => {
        if (removed > 0) options.logger.info({ removed }, 'upload clean-up removed stale uploads');
      },
      (error: unknown) => options.logger.error({ err: error }, 'upload clean-up failed; retrying at the next interval'),
    );
    return next;
  };
  // A failed sweep is logged by the chain above; the timer has nothing to add.
  const timer = setInterval(() => void sweep(), options.intervalMs);
  timer.unref();
  return {
    runNow: sweep,
    stop: async () => {
      clearInterval(timer);
      await settled;
    },
  };
}
