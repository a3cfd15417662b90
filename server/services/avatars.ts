import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { AVATAR_SIZE_PX, ProtocolError } from '../../common/protocol';
import type { Logger } from '../logger';
import type { Queryable } from '../storage/database';
import { users, type UserRow } from '../storage/schema';
import { UPLOADS_DIR } from './attachments';
import { INLINE_IMAGE_TYPES, storedMimeType } from './file-types';

/** Relative to the data directory. A folder, so the upload clean-up (files named by upload ids) never sees it. */
const AVATARS_DIR = path.join(UPLOADS_DIR, 'avatars');

/** A decompression bomb (a few KiB of PNG that decode to gigapixels) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 40_000_000;
const WEBP_QUALITY = 85;

// A server resizes each avatar once: libvips' operation cache would only hold memory.
sharp.cache(false);

/**
 * Decodes a PNG, JPEG, WebP or GIF (its first frame) and returns a square AVATAR_SIZE_PX webp:
 * turned upright by its EXIF orientation, cropped to cover, every metadata block dropped (sharp
 * writes none unless asked). Anything else, and any image that does not decode cleanly, is
 * `invalid_input`.
 */
export async function renderAvatar(input: Buffer): Promise<Buffer> {
  // By magic number, not the client's word; SVG, TIFF, HEIF and the rest never reach the decoder.
  if (!INLINE_IMAGE_TYPES.has(storedMimeType(input, undefined))) {
    throw new ProtocolError('invalid_input', 'an avatar must be a PNG, JPEG, WebP or GIF image');
  }
  try {
    return await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(AVATAR_SIZE_PX, AVATAR_SIZE_PX, { fit: 'cover' })
      .webp({ quality: WEBP_QUALITY })
      .toBuffer();
  } catch {
    throw new ProtocolError('invalid_input', 'the image could not be decoded');
  }
}

/** Removes a replaced avatar's file; a failure leaves an unused file behind and is only logged. */
async function removeAvatarFile(dataDir: string, storagePath: string, logger: Logger): Promise<void> {
  await rm(path.join(dataDir, storagePath), { force: true }).catch((error: unknown) =>
    logger.error({ err: error, storagePath }, 'could not remove a replaced avatar file'),
  );
}

/**
 * Swaps the user's avatar path (null: none) under a lock on their row, bumping the version;
 * returns the updated row and the path it replaced.
 */
async function swapAvatar(db: Queryable, userId: string, avatarPath: string | null): Promise<{ row: UserRow; replaced: string | null }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!current) throw new ProtocolError('not_found', 'no such user');
    if (avatarPath === null && current.avatarPath === null) return { row: current, replaced: null };
    const [row] = await tx
      .update(users)
      .set({ avatarPath, avatarVersion: sql`${users.avatarVersion} + 1` })
      .where(eq(users.id, userId))
      .returning();
    if (!row) throw new Error('update returned no row');
    return { row, replaced: current.avatarPath };
  });
}

/** Stores an already rendered avatar as the user's new one; the previous file is removed. */
export async function setAvatar(db: Queryable, dataDir: string, logger: Logger, userId: string, webp: Buffer): Promise<UserRow> {
  await mkdir(path.join(dataDir, AVATARS_DIR), { recursive: true });
  // A new name for every picture, so a concurrent upload or a reader of the old one never sees a half-written file.
  const storagePath = path.join(AVATARS_DIR, `${uuidv7()}.webp`);
  const target = path.join(dataDir, storagePath);
  await writeFile(target, webp, { flag: 'wx', mode: 0o600 });
  let swapped;
  try {
    swapped = await swapAvatar(db, userId, storagePath);
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
  if (swapped.replaced) await removeAvatarFile(dataDir, swapped.replaced, logger);
  return swapped.row;
}

/** Removes the user's avatar; `changed` is false when there was none. */
export async function removeAvatar(db: Queryable, dataDir: string, logger: Logger, userId: string): Promise<{ row: UserRow; changed: boolean }> {
  const { row, replaced } = await swapAvatar(db, userId, null);
  if (replaced) await removeAvatarFile(dataDir, replaced, logger);
  return { row, changed: replaced !== null };
}
