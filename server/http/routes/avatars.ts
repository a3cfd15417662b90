import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { z } from 'zod';
import {
  API_PATHS,
  AVATAR_UPLOAD_MAX_BYTES,
  avatarPath,
  IdSchema,
  ProtocolError,
  type MeResponse,
  type SignedLinkResponse,
  type User,
} from '../../../common/protocol';
import { authenticate, bearerToken } from '../../auth/authenticate';
import type { AppContext } from '../../context';
import { removeAvatar, renderAvatar, setAvatar } from '../../services/avatars';
import { describeUser, findUserById } from '../../services/users';
import type { UserRow } from '../../storage/schema';
import { parseInput } from '../../validation';
import { isMalformedMultipart, isTooLarge, MALFORMED_MULTIPART } from '../multipart-errors';

const SIGNED_LINK_TTL_SECONDS = 5 * 60;
/** A versioned URL names one picture for good; any other is checked again each time. */
const CACHE_VERSIONED = 'private, max-age=31536000, immutable';
const CACHE_UNVERSIONED = 'private, no-cache';

const ParamsSchema = z.object({ id: IdSchema });
const QuerySchema = z.object({
  v: z.coerce.number().int().nonnegative().optional(),
  exp: z.coerce.number().int().positive().optional(),
  sig: z.string().max(128).optional(),
});

/** What a signed avatar link signs: never equal to an attachment id, so no file link passes for one. */
const linkSubject = (userId: string): string => `avatar:${userId}`;

/** After a change: pushes `user:updated` to the user's room-mates and devices (through the socket server). */
export type AnnounceUser = (user: User) => Promise<void>;

/**
 * `POST /api/me/avatar` (multipart, one image in `file`) and `DELETE /api/me/avatar` change the
 * caller's avatar; `GET /api/users/:id/avatar` serves anyone's to a signed-in user (or a signed
 * link from `GET /api/users/:id/avatar/link`).
 */
export function avatarRoutes(app: FastifyInstance, ctx: AppContext, announce: AnnounceUser): void {
  const maxBytes = Math.min(AVATAR_UPLOAD_MAX_BYTES, ctx.config.uploadMaxBytes);
  const tooLarge = () => new ProtocolError('too_large', `an avatar may be at most ${maxBytes} bytes`);

  /** The caller, charged to their write budget: resizing costs CPU, so changes are limited like other writes. */
  async function changingUser(request: FastifyRequest): Promise<UserRow> {
    const user = await authenticate(ctx, request.headers.authorization);
    await ctx.rateLimits.events.writes.consume(user.id);
    return user;
  }

  async function answer(row: UserRow, changed: boolean): Promise<MeResponse> {
    const user = await describeUser(ctx.presence, row);
    if (changed) await announce(user).catch((error: unknown) => ctx.logger.error({ err: error, userId: row.id }, 'could not push user:updated'));
    return { user };
  }

  app.post(API_PATHS.myAvatar, async (request) => {
    const user = await changingUser(request);
    if (!request.isMultipart()) throw new ProtocolError('invalid_input', 'expected a multipart/form-data body');
    let image: Buffer;
    try {
      const part = await request.file({ limits: { fileSize: maxBytes } });
      if (!part || part.fieldname !== 'file') throw new ProtocolError('invalid_input', 'expected an image in the field "file"');
      image = await part.toBuffer();
      if (part.file.truncated) throw tooLarge();
    } catch (error) {
      if (isTooLarge(error)) throw tooLarge();
      if (isMalformedMultipart(error)) throw new ProtocolError('invalid_input', MALFORMED_MULTIPART);
      throw error;
    }
    const webp = await renderAvatar(image);
    return answer(await setAvatar(ctx.db, ctx.config.dataDir, ctx.logger, user.id, webp), true);
  });

  app.delete(API_PATHS.myAvatar, async (request) => {
    const user = await changingUser(request);
    const { row, changed } = await removeAvatar(ctx.db, ctx.config.dataDir, ctx.logger, user.id);
    return answer(row, changed);
  });

  app.get(`${API_PATHS.users}/:id/avatar`, async (request, reply) => {
    const { id } = parseInput(ParamsSchema, request.params);
    const { v, exp, sig } = parseInput(QuerySchema, request.query);
    if (exp !== undefined && sig !== undefined && !bearerToken(request.headers.authorization)) {
      if (!ctx.tokens.verifyFileLink(linkSubject(id), exp, sig)) throw new ProtocolError('unauthorized', 'the link is invalid or expired');
    } else {
      await authenticate(ctx, request.headers.authorization);
    }
    const owner = await findUserById(ctx.db, id);
    if (!owner?.avatarPath) throw new ProtocolError('not_found', 'this user has no avatar');
    const file = path.join(ctx.config.dataDir, owner.avatarPath);
    // Only a file that is not there is "missing"; any other failure (permissions, I/O) is the server's fault.
    const stats = await stat(file).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    });
    if (!stats?.isFile()) throw new ProtocolError('not_found', 'this user has no avatar');
    return reply
      .header('content-type', 'image/webp')
      .header('content-length', String(stats.size))
      .header('content-disposition', 'inline; filename="avatar.webp"')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('etag', `"${owner.avatarVersion}"`)
      .header('cache-control', v === owner.avatarVersion ? CACHE_VERSIONED : CACHE_UNVERSIONED)
      .send(createReadStream(file));
  });

  app.get(`${API_PATHS.users}/:id/avatar/link`, async (request) => {
    const { id } = parseInput(ParamsSchema, request.params);
    await authenticate(ctx, request.headers.authorization);
    const owner = await findUserById(ctx.db, id);
    if (!owner?.avatarPath) throw new ProtocolError('not_found', 'this user has no avatar');
    const expiresAt = Math.floor(Date.now() / 1000) + SIGNED_LINK_TTL_SECONDS;
    const signature = ctx.tokens.signFileLink(linkSubject(id), expiresAt);
    const body: SignedLinkResponse = {
      url: `${avatarPath(id)}?v=${owner.avatarVersion}&exp=${expiresAt}&sig=${signature}`,
      expiresAt: new Date(expiresAt * 1000).toISOString(),
    };
    return body;
  });
}
