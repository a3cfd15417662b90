import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  fetched: [] as string[],
}));
vi.mock('electron', async () => {
  const { readFile } = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  return {
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void electron.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void electron.handlers.set(scheme, handler),
    },
    net: {
      fetch: async (url: string) => {
        electron.fetched.push(url);
        try {
          return new Response(await readFile(fileURLToPath(url)), { status: 200, headers: { 'content-type': 'text/html' } });
        } catch {
          return new Response(null, { status: 404 });
        }
      },
    },
  };
});

const { registerRendererScheme, rendererFile, serveRenderer } = await import('../../../main/electron/renderer-protocol');

let root = '';
const proxied: string[] = [];
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'droplink-renderer-'));
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Droplink</title>');
  await writeFile(path.join(root, 'assets', 'a b.js'), 'ok');
  serveRenderer(root, async (pathname) => {
    if (!pathname.startsWith('/attachments/')) return null;
    proxied.push(pathname);
    return new Response('image', { status: 200, headers: { 'content-security-policy': "default-src 'none'; sandbox" } });
  });
});
afterAll(() => rm(root, { recursive: true, force: true }));

const request = (url: string) => electron.handlers.get('app')!(new Request(url));

describe('registerRendererScheme', () => {
  it('registers app:// as a standard, secure scheme with fetch support', () => {
    registerRendererScheme();
    expect(electron.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });
});

describe('serveRenderer', () => {
  it('serves index.html for / with the CSP and nosniff headers', async () => {
    const response = await request('app://droplink/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Droplink</title>');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'|script-src/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('decodes escapes in paths', async () => {
    const response = await request('app://droplink/assets/a%20b.js');
    expect(await response.text()).toBe('ok');
  });

  it.each(['app://droplink/%E0%A4%A', 'app://droplink/%', 'app://droplink/assets/%zz.js', 'app://droplink/index.html%00.png'])(
    'a malformed escape (%s) answers 400 instead of throwing',
    async (url) => {
      const response = await request(url);
      expect(response.status).toBe(400);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  it('refuses paths outside the renderer directory and other hosts with 404, without reading them', async () => {
    electron.fetched.length = 0;
    for (const url of ['app://droplink/..%2f..%2fetc%2fpasswd', 'app://droplink/assets/..%2f..%2f..%2fsecret', 'app://other/index.html']) {
      expect((await request(url)).status).toBe(404);
    }
    expect(electron.fetched).toEqual([]);
    expect(rendererFile(root, '/..%2f..%2fetc%2fpasswd')).toEqual({ ok: false, status: 404 });
    expect(rendererFile(root, '/%E0%A4%A')).toEqual({ ok: false, status: 400 });
  });

  it('hands /attachments/ to the proxy, on the app host only', async () => {
    proxied.length = 0;
    const response = await request('app://droplink/attachments/00000000-0000-7000-8000-000000000001');
    expect(await response.text()).toBe('image');
    expect((await request('app://other/attachments/00000000-0000-7000-8000-000000000001')).status).toBe(404);
    expect(proxied).toEqual(['/attachments/00000000-0000-7000-8000-000000000001']);
  });
});
