import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { HTTP_STATUS_BY_CODE, ProtocolError, type ErrorBody } from '../../common/protocol';
import { RateLimitedError } from '../rate-limits';

/** Sends `{error:{code,message}}` with the code's HTTP status (or `status`, e.g. 503). */
export function sendError(reply: FastifyReply, error: ProtocolError, status = HTTP_STATUS_BY_CODE[error.code]): FastifyReply {
  if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
  const body: ErrorBody = { error: error.toInfo() };
  return reply.code(status).send(body);
}

/** Fastify's own 4xx errors (bad JSON, wrong content type, body too large...) in protocol terms. */
function fromFastifyError(error: FastifyError): ProtocolError | null {
  const status = error.statusCode ?? 500;
  if (status === 413) return new ProtocolError('too_large', 'request body is too large');
  if (status === 415) return new ProtocolError('invalid_input', 'unsupported content type');
  if (status === 404) return new ProtocolError('not_found', 'not found');
  if (status === 401) return new ProtocolError('unauthorized', 'authentication required');
  if (status === 429) return new ProtocolError('rate_limited', 'too many requests');
  if (status >= 400 && status < 500) return new ProtocolError('invalid_input', 'malformed request');
  return null;
}

/** Every failure leaves as `{error:{code,message}}`; unexpected ones are logged, never described. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof ProtocolError ? error : fromFastifyError(error);
    if (known) return sendError(reply, known);
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, new ProtocolError('internal', 'internal server error'));
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, new ProtocolError('not_found', `no route for ${request.method} ${request.url.split('?')[0]}`)));
}
