import { API_PATHS, avatarPath, IdSchema } from '../../common/protocol';
import { serverUrlFor } from './http-client';

/**
 * Attachments are served to the window from its own origin (`<renderer origin>/attachments/<id>`):
 * main fetches them from the server with the session's token. The window's CSP can then keep
 * `img-src 'self'`, the token never reaches the renderer, and links never expire.
 *
 * That origin is privileged, so whatever the server sends is defused here: every response is
 * sandboxed with no sources allowed, never sniffed, and only raster image types stay inline;
 * anything else (HTML, SVG, scripts...) is a download of opaque bytes.
 */
const ATTACHMENT_PATH_PREFIX = '/attachments/';

export const attachmentPath = (attachmentId: string): string => `${ATTACHMENT_PATH_PREFIX}${attachmentId}`;

export const ATTACHMENT_CSP = "default-src 'none'; sandbox";

/** Shown inline in the window (<img>). SVG is deliberately not here: it is a document that can carry script. */
const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

const DOWNLOAD_TYPE = 'application/octet-stream';
const FILENAME_MAX = 200;
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const UNSAFE_FILENAME_CHARACTERS = /[\u0000-\u001f\u007f"*:<>?|]/g;

/** The server response headers passed on unchanged (content type and disposition are decided here). */
const FORWARDED_HEADERS = ['content-length', 'last-modified', 'etag'];

const defusedHeaders = (): Headers => new Headers({ 'content-security-policy': ATTACHMENT_CSP, 'x-content-type-options': 'nosniff' });

const plain = (status: number, text: string): Response => {
  const headers = defusedHeaders();
  headers.set('content-type', 'text/plain; charset=utf-8');
  return new Response(text, { status, headers });
};

/** The bare media type of a Content-Type header, lowercased ('' when missing). */
const mediaTypeOf = (contentType: string | null): string => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/** The file name a Content-Disposition header carries (filename* preferred), or null. */
function filenameFromDisposition(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(disposition);
  if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1');
  const bare = /filename\s*=\s*([^;\s]+)/.exec(disposition);
  return bare ? bare[1]! : null;
}

/** A file name safe to hand to the OS: no path, no control or quoting characters, bounded length. */
export function safeFilename(name: string | null, fallback: string): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(UNSAFE_FILENAME_CHARACTERS, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, FILENAME_MAX);
  return cleaned || fallback;
}

/** `attachment` or `inline` with an ASCII filename and the exact UTF-8 one (RFC 6266). */
function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/[\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export type AttachmentProxy = (pathname: string) => Promise<Response | null>;

/**
 * Besides attachments, the window shows two other kinds of server images through the same proxy:
 * avatars (`/attachments/avatars/<userId>/<version>`) and link preview images
 * (`/attachments/previews/<previewId>`). The version is part of the path so that a new avatar is
 * a new URL (the response may then be cached as immutable).
 */
const AVATAR_PATH = /^\/attachments\/avatars\/([^/]+)\/(\d{1,12})$/;
const PREVIEW_PATH = /^\/attachments\/previews\/([^/]+)$/;
const SERVER_AVATAR_PATH = /^\/api\/users\/([^/?]+)\/avatar(?:\?v=(\d{1,12}))?$/;
const SERVER_PREVIEW_PATH = /^\/api\/previews\/([^/?]+)\/image$/;

/**
 * The window's path for a server-relative image path the protocol hands out (`User.avatarUrl`,
 * `LinkPreview.imageUrl`), or null when it is neither.
 */
export function proxiedImagePath(serverPath: string): string | null {
  const avatar = SERVER_AVATAR_PATH.exec(serverPath);
  if (avatar && IdSchema.safeParse(avatar[1]).success) return `${ATTACHMENT_PATH_PREFIX}avatars/${avatar[1]}/${avatar[2] ?? '0'}`;
  const preview = SERVER_PREVIEW_PATH.exec(serverPath);
  if (preview && IdSchema.safeParse(preview[1]).success) return `${ATTACHMENT_PATH_PREFIX}previews/${preview[1]}`;
  return null;
}

/** What a window path asks the server for: the upstream path and the file name to fall back on. */
function upstreamOf(pathname: string): { path: string; fallbackName: string } | null {
  const avatar = AVATAR_PATH.exec(pathname);
  if (avatar) {
    const id = IdSchema.safeParse(avatar[1]);
    return id.success ? { path: `${avatarPath(id.data)}?v=${avatar[2]}`, fallbackName: `avatar-${id.data}` } : null;
  }
  const preview = PREVIEW_PATH.exec(pathname);
  if (preview) {
    const id = IdSchema.safeParse(preview[1]);
    return id.success ? { path: `/api/previews/${id.data}/image`, fallbackName: `preview-${id.data}` } : null;
  }
  const id = IdSchema.safeParse(pathname.slice(ATTACHMENT_PATH_PREFIX.length));
  return id.success ? { path: `${API_PATHS.files}/${id.data}`, fallbackName: `attachment-${id.data}` } : null;
}

/** Answers requests under ATTACHMENT_PATH_PREFIX (null for any other path). */
export function createAttachmentProxy(session: () => { url: string; token: string } | null): AttachmentProxy {
  return async (pathname) => {
    if (!pathname.startsWith(ATTACHMENT_PATH_PREFIX)) return null;
    const upstreamPath = upstreamOf(pathname);
    if (!upstreamPath) return plain(404, 'Not found');
    const target = session();
    if (!target) return plain(401, 'Signed out');
    let upstream: Response;
    try {
      upstream = await fetch(serverUrlFor(target.url, upstreamPath.path), {
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
    const headers = defusedHeaders();
    headers.set('cache-control', 'private, max-age=86400, immutable');
    for (const name of FORWARDED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) headers.set(name, value);
    }
    const mediaType = mediaTypeOf(upstream.headers.get('content-type'));
    const filename = safeFilename(filenameFromDisposition(upstream.headers.get('content-disposition')), upstreamPath.fallbackName);
    if (INLINE_IMAGE_TYPES.has(mediaType)) {
      headers.set('content-type', mediaType);
      headers.set('content-disposition', contentDisposition('inline', filename));
    } else {
      headers.set('content-type', DOWNLOAD_TYPE);
      headers.set('content-disposition', contentDisposition('attachment', filename));
    }
    return new Response(upstream.body, { status: 200, headers });
  };
}
