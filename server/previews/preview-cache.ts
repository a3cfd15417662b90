import { and, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { LinkPreview } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { linkPreviews, messages, roomMembers } from '../storage/schema';
import type { FetchedPreview } from './fetch-preview';

/** How long a fetched preview is reused, and a failed or refused fetch is not tried again. */
const PREVIEW_TTL_MS = 24 * 60 * 60 * 1000;
const FAILED_PREVIEW_TTL_MS = 60 * 60 * 1000;

export interface CachedPreview {
  id: string;
  url: string;
  ok: boolean;
  title: string | null;
  description: string | null;
  siteName: string | null;
  hasImage: boolean;
}

export const previewImageUrl = (previewId: string): string => `/api/previews/${previewId}/image`;

const cachedColumns = {
  id: linkPreviews.id,
  url: linkPreviews.url,
  ok: linkPreviews.ok,
  title: linkPreviews.title,
  description: linkPreviews.description,
  siteName: linkPreviews.siteName,
  hasImage: sql<boolean>`${linkPreviews.image} is not null`,
};

/** The cached outcome for a normalised URL, unless it has expired. */
export async function findCachedPreview(db: Queryable, url: string): Promise<CachedPreview | undefined> {
  const [row] = await db
    .select(cachedColumns)
    .from(linkPreviews)
    .where(and(eq(linkPreviews.url, url), gt(linkPreviews.expiresAt, sql`now()`)))
    .limit(1);
  return row;
}

/** Stores a fetch's outcome (null: it failed); a URL keeps its id, so earlier messages' image links stay valid. */
export async function storePreview(db: Queryable, url: string, fetched: FetchedPreview | null): Promise<CachedPreview> {
  const values = {
    ok: fetched !== null,
    title: fetched?.title ?? null,
    description: fetched?.description ?? null,
    siteName: fetched?.siteName ?? null,
    image: fetched?.image ?? null,
    fetchedAt: sql`now()`,
    expiresAt: sql`now() + ${`${fetched ? PREVIEW_TTL_MS : FAILED_PREVIEW_TTL_MS} milliseconds`}::interval`,
  };
  const [row] = await db
    .insert(linkPreviews)
    .values({ id: uuidv7(), url, ...values })
    .onConflictDoUpdate({ target: linkPreviews.url, set: values })
    .returning(cachedColumns);
  if (!row) throw new Error('storing a link preview returned no row');
  return row;
}

/**
 * A preview's image, for `readerId` only if a live message showing it is in a room they belong
 * to (one probe of messages_previews_idx); `null`: a signed link, issued after that check, vouches.
 */
export async function findPreviewImage(db: Queryable, previewId: string, readerId: string | null): Promise<Buffer | undefined> {
  const shownToReader = sql`exists (
    select 1 from ${messages} shown
    join ${roomMembers} reader on reader.room_id = shown.room_id and reader.user_id = ${readerId}
    where shown.deleted_at is null and shown.previews @> ${JSON.stringify([{ imageUrl: previewImageUrl(previewId) }])}::jsonb
  )`;
  const [row] = await db
    .select({ image: linkPreviews.image })
    .from(linkPreviews)
    .where(and(eq(linkPreviews.id, previewId), isNotNull(linkPreviews.image), readerId === null ? undefined : shownToReader))
    .limit(1);
  return row?.image ?? undefined;
}

/** What a message carries for a cached preview; null for a failed fetch. */
export function toLinkPreview(cached: CachedPreview): LinkPreview | null {
  if (!cached.ok) return null;
  return {
    url: cached.url,
    title: cached.title,
    description: cached.description,
    siteName: cached.siteName,
    imageUrl: cached.hasImage ? previewImageUrl(cached.id) : null,
  };
}
