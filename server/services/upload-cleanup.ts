import { opendir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { removeStalePreviews } from '../previews/preview-cleanup';
import type { Queryable } from '../storage/database';
import { attachments, messages } from '../storage/schema';
import { UPLOADS_DIR } from './attachments';

/** Rows removed per statement, so that one sweep never holds many row locks at once. */
const BATCH = 500;

export interface UploadCleanupOptions {
  /** The data directory the stored paths are relative to. */
  dataDir: string;
  /** An upload never attached to a message is kept this long after it was made. */
  unattachedGraceMs: number;
  logger: Logger;
}

export interface SweepResult {
  /** Uploads removed from the database and the disk. */
  uploads: number;
  /** Files in the uploads folder that no upload owned (left by a crash half way), removed. */
  orphanFiles: number;
}

/**
 * Removes, from the database and then from the disk, every upload that was never attached to a
 * message within the grace period, and every file of a deleted message. The rows are claimed
 * with DELETE ... RETURNING over `FOR UPDATE SKIP LOCKED`, so nodes sweeping at the same time
 * split the work and no file is removed twice. Then removes files older than the grace period
 * that no upload owns.
 */
export async function removeStaleUploads(db: Queryable, options: UploadCleanupOptions): Promise<SweepResult> {
  const cutoff = new Date(Date.now() - options.unattachedGraceMs);
  let uploads = 0;
  for (;;) {
    const claimed = await db
      .delete(attachments)
      .where(
        sql`${attachments.id} in (
          select stale.id from ${attachments} stale
          where (stale.message_id is null and stale.created_at < ${cutoff.toISOString()}::timestamptz)
             or stale.message_id in (select ${messages.id} from ${messages} where ${messages.deletedAt} is not null)
          limit ${BATCH}
          for update skip locked
        )`,
      )
      .returning({ storagePath: attachments.storagePath });
    for (const { storagePath } of claimed) await removeFile(options, storagePath);
    uploads += claimed.length;
    if (claimed.length < BATCH) break;
  }
  return { uploads, orphanFiles: await removeOrphanFiles(db, options, cutoff) };
}

const UUID_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Files named like an upload that have no row and were last written before `cutoff`. An upload
 * in progress writes its file before its row, so a young file without a row is left alone.
 */
async function removeOrphanFiles(db: Queryable, options: UploadCleanupOptions, cutoff: Date): Promise<number> {
  let directory;
  try {
    directory = await opendir(path.join(options.dataDir, UPLOADS_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  let names: string[] = [];
  const check = async (): Promise<void> => {
    const owned = new Set((await db.select({ id: attachments.id }).from(attachments).where(inArray(attachments.id, names))).map((row) => row.id));
    for (const name of names.filter((candidate) => !owned.has(candidate))) {
      const storagePath = path.join(UPLOADS_DIR, name);
      const written = await stat(path.join(options.dataDir, storagePath)).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      });
      if (written && written.mtime < cutoff) {
        await removeFile(options, storagePath);
        removed += 1;
      }
    }
    names = [];
  };
  for await (const entry of directory) {
    if (!entry.isFile() || !UUID_NAME.test(entry.name)) continue;
    names.push(entry.name);
    if (names.length === BATCH) await check();
  }
  if (names.length > 0) await check();
  return removed;
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
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Sweeps every `intervalMs` (the first sweep one interval after start): stale uploads, then the
 * link preview cache's stale entries (server/previews/preview-cleanup.ts). Failures are logged.
 */
export function startUploadCleanup(db: Queryable, options: UploadCleanupOptions & { intervalMs: number }): UploadCleanup {
  /** Settles when the latest sweep has; never rejects (each sweep's outcome is logged). */
  let settled: Promise<void> = Promise.resolve();
  const sweep = (): Promise<SweepResult & { previews: number }> => {
    const next = settled.then(async () => ({ ...(await removeStaleUploads(db, options)), previews: await removeStalePreviews(db) }));
    settled = next.then(
      (removed) => {
        if (removed.uploads > 0 || removed.orphanFiles > 0 || removed.previews > 0)
          options.logger.info(removed, 'clean-up removed stale uploads and link previews');
      },
      (error: unknown) => options.logger.error({ err: error }, 'upload clean-up failed; retrying at the next interval'),
    );
    return next;
  };
  // A failed sweep is logged by the chain above; the timer has nothing to add.
  const timer = setInterval(() => void sweep(), options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await settled;
    },
  };
}
