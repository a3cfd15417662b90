import { CLIENT_SECRET_HEADER, ErrorBodySchema } from '../../common/protocol';
import { DesktopError, errorInfo } from './errors';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  token?: string;
  json?: unknown;
  /** A ready-made body (with its `contentType`), e.g. a streamed multipart upload. */
  body?: ReadableStream<Uint8Array>;
  contentType?: string;
  /** The local server's per-launch secret (register and login only; never given for another server). */
  clientSecret?: string;
}

/** Joins a server base URL and a server-relative path. */
export const serverUrlFor = (baseUrl: string, pathname: string): string => new URL(pathname, baseUrl.replace(/\/*$/, '/')).toString();

/**
 * One JSON request to the Droplink server. Server failures become DesktopErrors carrying the
 * server's own `{code, message}`; network failures a message that names the server.
 */
export async function requestJson(baseUrl: string, pathname: string, request: HttpRequest): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.clientSecret) headers[CLIENT_SECRET_HEADER] = request.clientSecret;
  let body: BodyInit | undefined = request.body;
  if (request.contentType) headers['content-type'] = request.contentType;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  }
  let response: Response;
  try {
    // duplex 'half' is what fetch requires for a streamed request body.
    response = await fetch(serverUrlFor(baseUrl, pathname), { method: request.method, headers, body, redirect: 'error', duplex: 'half' } as RequestInit);
  } catch {
    throw new DesktopError(errorInfo('internal', `Cannot reach the server at ${baseUrl}.`));
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const failure = ErrorBodySchema.safeParse(parsed);
    if (failure.success) throw new DesktopError(failure.data.error);
    throw new DesktopError(errorInfo('internal', `The server answered ${response.status}.`));
  }
  return parsed;
}
