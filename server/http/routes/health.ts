import type { FastifyInstance } from 'fastify';
import { ProtocolError, type HealthResponse } from '../../../common/protocol';
import type { AppContext } from '../../context';
import { sendError } from '../errors';

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/health', async (request, reply) => {
    try {
      await ctx.storage.ping();
    } catch (error) {
      request.log.error({ err: error }, 'health check: storage is not answering');
      return sendError(reply, new ProtocolError('internal', 'storage is unavailable'), 503);
    }
    const body: HealthResponse = {
      status: 'ok',
      version: ctx.version,
      storage: ctx.storage.kind,
      cluster: ctx.presence.cluster,
    };
    return body;
  });
}
