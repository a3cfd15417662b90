/** Hosts a development renderer server may be reached on: this machine only. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

export type DevRendererChoice = { url: string } | { url: null; warning: string | null };

/**
 * `ELECTRON_RENDERER_URL` (set by `electron-vite dev`) points the window at the Vite dev server.
 * It is honoured only in an unpacked development run and only for a loopback `http:` URL: a
 * packaged app, or any other URL, would hand `window.droplink` to a page that is not the app's.
 */
export function devRendererUrl(value: string | undefined, isPackaged: boolean): DevRendererChoice {
  if (value === undefined || value === '') return { url: null, warning: null };
  if (isPackaged) return { url: null, warning: 'ELECTRON_RENDERER_URL is ignored in a packaged build' };
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return { url: null, warning: 'ELECTRON_RENDERER_URL is not a URL; it is ignored' };
  }
  if (parsed.protocol !== 'http:' || !LOOPBACK_HOSTS.has(parsed.hostname) || parsed.username !== '' || parsed.password !== '') {
    return { url: null, warning: `ELECTRON_RENDERER_URL must be a loopback http:// URL; ${parsed.origin} is ignored` };
  }
  return { url: parsed.href };
}
