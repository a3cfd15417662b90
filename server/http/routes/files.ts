import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdSchema, ProtocolError, type SignedLinkResponse } from '../../../common/protocol';
import { authenticate, bearerToken } from '../../auth/authenticate';
import type { AppContext } from '../../context';
import { canReadAttachment, findAttachment } from '../../services/attachments';
import { fileUrl } from '../../services/serializers';
import { INLINE_IMAGE_TYPES } from '../../services/file-types';
import type { AttachmentRow } from '../../storage/schema';
import { parseInput } from '../../validation';

const SIGNED_LINK_TTL_SECONDS = 5 * 60;

const ParamsSchema = z.object({ id: IdSchema });
const SignatureSchema = z.object({
  exp: z.coerce.number().int().positive().optional(),
  sig: z.string().max(128).optional(),
});

/** `attachment` or `inline`, with an ASCII fallback name and the exact UTF-8 one (RFC 6266). */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function fileRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** The attachment a bearer token holder may read: 401, then 404, then 403. */
  async function authorizedAttachment(request: FastifyRequest, id: string): Promise<AttachmentRow> {
    const user = await authenticate(ctx, request.headers.authorization);
    const attachment = await findAttachment(ctx.db, id);
    if (!attachment) throw new ProtocolError('not_found', 'no such file');
    if (!(await canReadAttachment(ctx.db, user.id, attachment))) {
      throw new ProtocolError('forbidden', 'this file was not shared with you');
    }
    return attachment;
  }

  app.get('/api/files/:id', async (request, reply) => {
    const { id } = parseInput(ParamsSchema, request.params);
    const { exp, sig } = parseInput(SignatureSchema, request.query);
    let attachment: AttachmentRow | undefined;
    if (exp !== undefined && sig !== undefined && !bearerToken(request.headers.authorization)) {
      if (!ctx.tokens.verifyFileLink(id, exp, sig)) throw new ProtocolError('unauthorized', 'the link is invalid or expired');
      attachment = await findAttachment(ctx.db, id);
      if (!attachment) throw new ProtocolError('not_found', 'no such file');
    } else {
      attachment = await authorizedAttachment(request, id);
    }

    const file = path.join(ctx.config.dataDir, attachment.storagePath);
    // Only a file that is not there is "missing"; any other failure (permissions, I/O) is the server's fault.
    const stats = await stat(file).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    });
    if (!stats?.isFile()) throw new ProtocolError('not_found', 'the file is no longer stored');
    const inline = INLINE_IMAGE_TYPES.has(attachment.mime);
    return reply
      .header('content-type', attachment.mime)
      .header('content-length', String(stats.size))
      .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', attachment.name))
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=300')
      .send(createReadStream(file));
  });

  app.get('/api/files/:id/link', async (request) => {
    const { id } = parseInput(ParamsSchema, request.params);
    await authorizedAttachment(request, id);
    const expiresAt = Math.floor(Date.now() / 1000) + SIGNED_LINK_TTL_SECONDS;
    const signature = ctx.tokens.signFileLink(id, expiresAt);
    const body: SignedLinkResponse = {
      url: `${fileUrl(id)}?exp=${expiresAt}&sig=${signature}`,
      expiresAt: new Date(expiresAt * 1000).toISOString(),
    };
    return body;
  });
}
