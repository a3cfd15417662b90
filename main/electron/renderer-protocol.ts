import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { RENDERER_HOST, RENDERER_SCHEME } from '../app-identity';
import type { AttachmentProxy } from '../services/attachment-proxy';
import { contentSecurityPolicy } from '../services/content-security-policy';

/** Must run before app `ready`: app:// behaves like https (standard, secure) for the renderer. */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves out/renderer at app://droplink/ with the CSP as a response header, and attachments
 * under app://droplink/attachments/ through main. Paths are resolved
 * inside the renderer directory only; anything else is a 404.
 */
export function serveRenderer(rendererDir: string, serveAttachment: AttachmentProxy): void {
  const root = path.resolve(rendererDir);
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== RENDERER_HOST) return plainResponse(404, 'Not found');
    const attachment = await serveAttachment(url.pathname);
    if (attachment) return attachment;
    const resolved = rendererFile(root, url.pathname);
    if (!resolved.ok) return resolved.status === 400 ? plainResponse(400, 'Bad request') : plainResponse(404, 'Not found');
    const response = await net.fetch(pathToFileURL(resolved.file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

const plainResponse = (status: number, text: string): Response =>
  new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });

/** The file a request path stands for inside root: 400 for a malformed % escape (or a NUL), 404 outside root. */
export function rendererFile(root: string, pathname: string): { ok: true; file: string } | { ok: false; status: 400 | 404 } {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (relative.includes('\0')) return { ok: false, status: 400 };
  const file = path.resolve(root, `.${relative}`);
  return file.startsWith(root + path.sep) ? { ok: true, file } : { ok: false, status: 404 };
}
