/**
 * The renderer's Content-Security-Policy. Everything comes from the app's own origin, attachments
 * included (main proxies them, see attachment-proxy); the renderer needs no network access of its
 * own because it talks to the server only through main. Dev mode adds what Vite's hot reload
 * needs, and the app:// origin that serves attachments while the page comes from the dev server.
 */
export function contentSecurityPolicy(options: { dev?: { attachmentOrigin: string } } = {}): string {
  const attachments = options.dev ? ` ${options.dev.attachmentOrigin}` : '';
  const dev = options.dev !== undefined;
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': dev ? "'self' 'unsafe-inline'" : "'self'",
    'style-src': "'self' 'unsafe-inline'",
    'img-src': `'self' data: blob:${attachments}`,
    'media-src': `'self' blob:${attachments}`,
    'font-src': "'self' data:",
    'connect-src': dev ? "'self' ws: http://localhost:*" : "'self'",
    'object-src': "'none'",
    'frame-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
