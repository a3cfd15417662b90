import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { RENDERER_HOST, RENDERER_SCHEME } from '../app-identity';
import type { AttachmentProxy } from '../services/attachment-proxy';
import { contentSecurityPolicy } from '../services/content-security-policy';

/** Must run before app `ready`: app:// behaves like https (standard, secure) for the renderer. */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
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
    const attachment = url.host === RENDERER_HOST ? await serveAttachment(url.pathname) : null;
    if (attachment) return attachment;
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(root, `.${relative}`);
    if (url.host !== RENDERER_HOST || (file !== root && !file.startsWith(root + path.sep))) {
      return new Response('Not found', { status: 404 });
    }
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
