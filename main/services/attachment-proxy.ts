import { API_PATHS, IdSchema } from '../../common/protocol';
import { serverUrlFor } from './http-client';

/**
 * Attachments are served to the window from its own origin (`<renderer origin>/attachments/<id>`):
 * main fetches them from the server with the session's token. The window's CSP can then keep
 * `img-src 'self'`, the token never reaches the renderer, and links never expire.
 */
export const ATTACHMENT_PATH_PREFIX = '/attachments/';

export const attachmentPath = (attachmentId: string): string => `${ATTACHMENT_PATH_PREFIX}${attachmentId}`;

/** The server response headers worth passing on to the window. */
const FORWARDED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'last-modified', 'etag'];

const plain = (status: number, text: string): Response =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });

export type AttachmentProxy = (pathname: string) => Promise<Response | null>;

/** Answers requests under ATTACHMENT_PATH_PREFIX (null for any other path). */
export function createAttachmentProxy(session: () => { url: string; token: string } | null): AttachmentProxy {
  return async (pathname) => {
    if (!pathname.startsWith(ATTACHMENT_PATH_PREFIX)) return null;
    const id = IdSchema.safeParse(pathname.slice(ATTACHMENT_PATH_PREFIX.length));
    if (!id.success) return plain(404, 'Not found');
    const target = session();
    if (!target) return plain(401, 'Signed out');
    let upstream: Response;
    try {
      upstream = await fetch(serverUrlFor(target.url, `${API_PATHS.files}/${id.data}`), {
        headers: { authorization: `Bearer ${target.token}` },
        redirect: 'error',
      });
    } catch {
      return plain(502, 'The server cannot be reached');
    }
    if (!upstream.ok) {
      await upstream.body?.cancel();
      return plain(upstream.status, 'Not available');
    }
    const headers = new Headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=86400, immutable' });
    for (const name of FORWARDED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) headers.set(name, value);
    }
    return new Response(upstream.body, { status: 200, headers });
  };
}
