import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/multipart';
import { ProtocolError, type UploadResponse } from '../../../common/protocol';
import { authenticate } from '../../auth/authenticate';
import type { AppContext } from '../../context';
import { assertQuotaLeft, newAttachmentId, recordAttachment, UPLOADS_DIR } from '../../services/attachments';
import { imageDimensions, INLINE_IMAGE_TYPES, sanitizeFileName, SNIFF_BYTES, storedMimeType } from '../../services/file-types';
import { isMalformedMultipart, isTooLarge, MALFORMED_MULTIPART } from '../multipart-errors';

/** Passes a stream through, keeping a copy of its first `limit` bytes. */
function headCapture(limit: number): { stream: Transform; head: () => Buffer } {
  const chunks: Buffer[] = [];
  let kept = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (kept < limit) {
        const slice = chunk.subarray(0, limit - kept);
        chunks.push(Buffer.from(slice));
        kept += slice.length;
      }
      callback(null, chunk);
    },
  });
  return { stream, head: () => Buffer.concat(chunks) };
}

export function uploadRoutes(app: FastifyInstance, ctx: AppContext): void {
  const directory = path.join(ctx.config.dataDir, UPLOADS_DIR);

  app.post('/api/uploads', async (request, reply) => {
    const user = await authenticate(ctx, request.headers.authorization);
    if (!request.isMultipart()) throw new ProtocolError('invalid_input', 'expected a multipart/form-data body');
    await assertQuotaLeft(ctx.db, user.id, ctx.config.uploadQuotaBytes);
    const part = await request.file().catch((error: unknown) => {
      throw isMalformedMultipart(error) ? new ProtocolError('invalid_input', MALFORMED_MULTIPART) : error;
    });
    if (!part || part.fieldname !== 'file') throw new ProtocolError('invalid_input', 'expected a file in the field "file"');

    await mkdir(directory, { recursive: true });
    const id = newAttachmentId();
    const storagePath = path.join(UPLOADS_DIR, id);
    const target = path.join(ctx.config.dataDir, storagePath);
    const capture = headCapture(SNIFF_BYTES);
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(part.file, capture.stream, counter, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
      if (part.file.truncated) throw new ProtocolError('too_large', `file exceeds ${ctx.config.uploadMaxBytes} bytes`);
    } catch (error) {
      await rm(target, { force: true });
      if (isTooLarge(error)) throw new ProtocolError('too_large', `file exceeds ${ctx.config.uploadMaxBytes} bytes`);
      if (isMalformedMultipart(error)) throw new ProtocolError('invalid_input', MALFORMED_MULTIPART);
      throw error;
    }

    try {
      const head = capture.head();
      const mime = storedMimeType(head, part.mimetype);
      const { width, height } = INLINE_IMAGE_TYPES.has(mime) ? imageDimensions(head) : { width: null, height: null };
      const attachment = await recordAttachment(
        ctx.db,
        {
          id,
          uploaderId: user.id,
          name: sanitizeFileName(part.filename),
          mime,
          size,
          width,
          height,
          storagePath,
        },
        ctx.config.uploadQuotaBytes,
      );
      const body: UploadResponse = { attachment };
      return reply.code(201).send(body);
    } catch (error) {
      await rm(target, { force: true });
      throw error;
    }
  });
}
