import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdSchema, ProtocolError, type SignedLinkResponse } from '../../../common/protocol';
import { authenticate, bearerToken } from '../../auth/authenticate';
import type { AppContext } from '../../context';
import { findPreviewImage, previewImageUrl } from '../../previews/preview-cache';
import { parseInput } from '../../validation';

const SIGNED_LINK_TTL_SECONDS = 5 * 60;

const ParamsSchema = z.object({ id: IdSchema });
const SignatureSchema = z.object({
  exp: z.coerce.number().int().positive().optional(),
  sig: z.string().max(128).optional(),
});

/** Signed links share the file links' key; the prefix keeps a preview's signature from opening a file of the same id. */
const linkSubject = (previewId: string): string => `preview:${previewId}`;

/**
 * `GET /api/previews/:id/image`: the image the server fetched and re-encoded for a link preview
 * (image/webp), to a member of a room where a live message shows it (a bearer token, or a signed
 * link from `/link`, which checks the same). Anyone else gets 404, as for an unknown id: which
 * links were posted in a room is the room's business, even if the pages are public.
 */
export function previewRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** The reader a bearer token names, or null for a valid signed link. */
  async function authorize(request: FastifyRequest, id: string): Promise<string | null> {
    const { exp, sig } = parseInput(SignatureSchema, request.query);
    if (exp !== undefined && sig !== undefined && !bearerToken(request.headers.authorization)) {
      if (!ctx.tokens.verifyFileLink(linkSubject(id), exp, sig)) throw new ProtocolError('unauthorized', 'the link is invalid or expired');
      return null;
    }
    return (await authenticate(ctx, request.headers.authorization)).id;
  }

  app.get('/api/previews/:id/image', async (request, reply) => {
    const { id } = parseInput(ParamsSchema, request.params);
    const image = await findPreviewImage(ctx.db, id, await authorize(request, id));
    if (!image) throw new ProtocolError('not_found', 'no such preview image');
    return reply
      .header('content-type', 'image/webp')
      .header('content-length', String(image.length))
      .header('content-disposition', 'inline')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=300')
      .send(image);
  });

  app.get('/api/previews/:id/image/link', async (request) => {
    const { id } = parseInput(ParamsSchema, request.params);
    const reader = await authenticate(ctx, request.headers.authorization);
    if (!(await findPreviewImage(ctx.db, id, reader.id))) throw new ProtocolError('not_found', 'no such preview image');
    const expiresAt = Math.floor(Date.now() / 1000) + SIGNED_LINK_TTL_SECONDS;
    const body: SignedLinkResponse = {
      url: `${previewImageUrl(id)}?exp=${expiresAt}&sig=${ctx.tokens.signFileLink(linkSubject(id), expiresAt)}`,
      expiresAt: new Date(expiresAt * 1000).toISOString(),
    };
    return body;
  });
}
