/**
 * The renderer's Content-Security-Policy. Scripts only from the app itself; images may also
 * come from the server (attachments); the renderer needs no network access of its own because
 * it talks to the server only through main. Dev mode adds what Vite's hot reload needs.
 */
export function contentSecurityPolicy(options: { serverOrigin: string | null; dev?: boolean }): string {
  const server = options.serverOrigin ? ` ${options.serverOrigin}` : '';
  const dev = options.dev === true;
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': dev ? "'self' 'unsafe-inline'" : "'self'",
    'style-src': "'self' 'unsafe-inline'",
    'img-src': `'self' data: blob:${server}`,
    'media-src': `'self' blob:${server}`,
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
