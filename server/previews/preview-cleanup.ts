import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../storage/database';
import { linkPreviews, messages } from '../storage/schema';
import { previewImageUrl } from './preview-cache';

/** Entries removed per statement, so that one sweep never holds many row locks at once. */
const BATCH = 500;
/**
 * How long an expired entry is kept anyway: a worker that found it in the cache just before it
 * expired may still be writing it to a message.
 */
const EXPIRED_GRACE_MS = 10 * 60 * 1000;

const ID_SLOT = ':id';
/** previewImageUrl of a row's id, in SQL. */
const imageUrlOf = (id: SQL): SQL => sql`replace(${previewImageUrl(ID_SLOT)}, ${ID_SLOT}, ${id}::text)`;

/**
 * Removes the link preview cache entries (and the images stored in them) that expired and whose
 * image no live message's `previews` links to. A preview without an image carries everything it
 * shows, so only its image path depends on the entry; a deleted message's previews are never
 * served. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so nodes sweeping at once split the work.
 * Returns how many entries were removed.
 */
export async function removeStalePreviews(db: Queryable): Promise<number> {
  let removed = 0;
  for (;;) {
    const claimed = await db
      .delete(linkPreviews)
      .where(
        sql`${linkPreviews.id} in (
          select stale.id from ${linkPreviews} stale
          where stale.expires_at < now() - ${`${EXPIRED_GRACE_MS} milliseconds`}::interval
            and not exists (
              select 1 from ${messages} shown
              where shown.deleted_at is null
                and shown.previews @> jsonb_build_array(jsonb_build_object('imageUrl', ${imageUrlOf(sql`stale.id`)}))
            )
          limit ${BATCH}
          for update skip locked
        )`,
      )
      .returning({ id: linkPreviews.id });
    removed += claimed.length;
    if (claimed.length < BATCH) return removed;
  }
}
