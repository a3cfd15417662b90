import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_CSP, createAttachmentProxy, proxiedImagePath, safeFilename } from '../../../main/services/attachment-proxy';

/** A hostile server: each attachment id answers with a different dangerous content type. */
const FILES: Record<string, { type: string; disposition?: string; body: string }> = {
  '00000000-0000-7000-8000-000000000001': {
    type: 'text/html; charset=utf-8',
    disposition: 'inline; filename="page.html"',
    body: '<script>parent.droplink.invoke("session:get",{})</script>',
  },
  '00000000-0000-7000-8000-000000000002': {
    type: 'image/svg+xml',
    disposition: 'inline; filename="logo.svg"',
    body: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
  },
  '00000000-0000-7000-8000-000000000003': { type: 'application/javascript', body: 'alert(1)' },
  '00000000-0000-7000-8000-000000000004': {
    type: 'image/png',
    disposition: `inline; filename="photo.png"; filename*=UTF-8''%C3%A9t%C3%A9.png`,
    body: '\x89PNG',
  },
  '00000000-0000-7000-8000-000000000005': { type: 'IMAGE/JPEG; foo=bar', body: 'jpeg' },
  '00000000-0000-7000-8000-000000000006': { type: 'text/plain', disposition: 'attachment; filename="../../etc/pass\twd<|>.sh"', body: 'x' },
  '00000000-0000-7000-8000-000000000007': { type: '', body: '<html>sniff me</html>' },
};

/** Avatars and preview images, by the exact server path the proxy must ask for. */
const USER_ID = '00000000-0000-7000-8000-0000000000a1';
const PREVIEW_ID = '00000000-0000-7000-8000-0000000000b1';
const HOSTILE_PREVIEW_ID = '00000000-0000-7000-8000-0000000000b2';
const IMAGES: Record<string, { type: string; body: string }> = {
  [`/api/users/${USER_ID}/avatar?v=3`]: { type: 'image/webp', body: 'RIFF-avatar' },
  [`/api/previews/${PREVIEW_ID}/image`]: { type: 'image/webp', body: 'RIFF-preview' },
  [`/api/previews/${HOSTILE_PREVIEW_ID}/image`]: { type: 'text/html', body: '<script>alert(1)</script>' },
};

let server: Server;
let baseUrl = '';
const seen: IncomingHttpHeaders[] = [];
const requestedPaths: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    requestedPaths.push(req.url ?? '');
    const image = IMAGES[req.url ?? ''];
    if (image) return void res.writeHead(200, { 'content-type': image.type }).end(image.body);
    const file = FILES[(req.url ?? '').replace('/api/files/', '')];
    if (!file) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
    const headers: Record<string, string> = { 'content-length': String(Buffer.byteLength(file.body, 'latin1')), etag: '"v1"' };
    if (file.type) headers['content-type'] = file.type;
    if (file.disposition) headers['content-disposition'] = file.disposition;
    res.writeHead(200, headers).end(Buffer.from(file.body, 'latin1'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const proxy = createAttachmentProxy(() => ({ url: baseUrl, token: 'tok' }));
const get = async (id: string) => {
  const response = await proxy(`/attachments/${id}`);
  if (!response) throw new Error('not handled');
  return response;
};

describe('attachment proxy against a hostile server', () => {
  it.each([
    ['text/html', '00000000-0000-7000-8000-000000000001', 'page.html'],
    ['image/svg+xml', '00000000-0000-7000-8000-000000000002', 'logo.svg'],
    ['application/javascript', '00000000-0000-7000-8000-000000000003', 'attachment-00000000-0000-7000-8000-000000000003'],
    ['no content type', '00000000-0000-7000-8000-000000000007', 'attachment-00000000-0000-7000-8000-000000000007'],
  ])('%s is forced to download as opaque bytes, sandboxed', async (_label, id, filename) => {
    const response = await get(id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(Buffer.from(FILES[id]!.body, 'latin1').toString());
  });

  it('raster images stay inline with their bare type, still under the sandbox CSP', async () => {
    const png = await get('00000000-0000-7000-8000-000000000004');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('content-disposition')).toBe(`inline; filename="_t_.png"; filename*=UTF-8''%C3%A9t%C3%A9.png`);
    expect(png.headers.get('content-security-policy')).toBe(ATTACHMENT_CSP);
    expect(png.headers.get('x-content-type-options')).toBe('nosniff');
    expect(png.headers.get('etag')).toBe('"v1"');
    await png.body?.cancel();
    const jpeg = await get('00000000-0000-7000-8000-000000000005');
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
    expect(jpeg.headers.get('content-disposition')).toMatch(/^inline; /);
    await jpeg.body?.cancel();
  });

  it('a hostile file name loses its path and its control and reserved characters', async () => {
    const response = await get('00000000-0000-7000-8000-000000000006');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="pass_wd___.sh"; filename*=UTF-8''pass_wd___.sh`);
    await response.body?.cancel();
    expect(safeFilename('..', 'fallback')).toBe('fallback');
    expect(safeFilename('C:\\Users\\me\\evil.exe', 'f')).toBe('evil.exe');
    expect(safeFilename('a'.repeat(500), 'f')).toHaveLength(200);
  });

  it('errors carry the same CSP and nosniff; the token goes only to the server', async () => {
    const missing = await get('00000000-0000-7000-8000-0000000000ff');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(ATTACHMENT_CSP);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    const bad = await get('not-an-id');
    expect(bad.status).toBe(404);
    expect(bad.headers.get('content-security-policy')).toBe(ATTACHMENT_CSP);
    const signedOut = await createAttachmentProxy(() => null)('/attachments/00000000-0000-7000-8000-000000000001');
    expect(signedOut?.status).toBe(401);
    expect(signedOut?.headers.get('content-security-policy')).toBe(ATTACHMENT_CSP);
    const unreachable = await createAttachmentProxy(() => ({ url: 'http://127.0.0.1:1', token: 't' }))('/attachments/00000000-0000-7000-8000-000000000001');
    expect(unreachable?.status).toBe(502);
    expect(unreachable?.headers.get('content-security-policy')).toBe(ATTACHMENT_CSP);
    expect(seen.at(-1)?.authorization).toBe('Bearer tok');
    expect(await proxy('/index.html')).toBeNull();
  });
});

describe('avatars and link preview images through the same proxy', () => {
  const fetchPath = async (pathname: string) => {
    const response = await proxy(pathname);
    if (!response) throw new Error('not handled');
    return response;
  };

  it("maps the protocol's server paths to the window's proxy paths, and nothing else", () => {
    expect(proxiedImagePath(`/api/users/${USER_ID}/avatar?v=3`)).toBe(`/attachments/avatars/${USER_ID}/3`);
    expect(proxiedImagePath(`/api/users/${USER_ID}/avatar`)).toBe(`/attachments/avatars/${USER_ID}/0`);
    expect(proxiedImagePath(`/api/previews/${PREVIEW_ID}/image`)).toBe(`/attachments/previews/${PREVIEW_ID}`);
    for (const bad of [
      `/api/users/not-an-id/avatar?v=1`,
      `/api/users/${USER_ID}/avatar?v=1&x=2`,
      `/api/users/${USER_ID}/avatar/../../files/x`,
      `https://evil.example/api/previews/${PREVIEW_ID}/image`,
      `/api/files/${USER_ID}`,
      `/api/previews/${PREVIEW_ID}/image?x=1`,
    ])
      expect(proxiedImagePath(bad), bad).toBeNull();
  });

  it('serves an avatar of a version inline, from the server path with that version, with the token', async () => {
    const response = await fetchPath(`/attachments/avatars/${USER_ID}/3`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="avatar-/);
    expect(response.headers.get('content-security-policy')).toBe(ATTACHMENT_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe('RIFF-avatar');
    expect(requestedPaths.at(-1)).toBe(`/api/users/${USER_ID}/avatar?v=3`);
    expect(seen.at(-1)?.authorization).toBe('Bearer tok');
  });

  it('serves a preview image inline; one the server sends as HTML is defused into a download', async () => {
    const image = await fetchPath(`/attachments/previews/${PREVIEW_ID}`);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect(await image.text()).toBe('RIFF-preview');
    expect(requestedPaths.at(-1)).toBe(`/api/previews/${PREVIEW_ID}/image`);
    const hostile = await fetchPath(`/attachments/previews/${HOSTILE_PREVIEW_ID}`);
    expect(hostile.headers.get('content-type')).toBe('application/octet-stream');
    expect(hostile.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(hostile.headers.get('content-security-policy')).toBe(ATTACHMENT_CSP);
    await hostile.body?.cancel();
  });

  it('a missing avatar is 404, a malformed path never reaches the server, signed out is 401', async () => {
    const missing = await fetchPath(`/attachments/avatars/${USER_ID}/4`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(ATTACHMENT_CSP);
    const before = requestedPaths.length;
    for (const bad of [
      '/attachments/avatars/not-an-id/1',
      `/attachments/avatars/${USER_ID}`,
      `/attachments/avatars/${USER_ID}/x`,
      `/attachments/avatars/${USER_ID}/1/extra`,
      '/attachments/previews/not-an-id',
      `/attachments/previews/${PREVIEW_ID}/image`,
    ]) {
      const response = await fetchPath(bad);
      expect(response.status, bad).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(ATTACHMENT_CSP);
    }
    expect(requestedPaths.length).toBe(before);
    const signedOut = await createAttachmentProxy(() => null)(`/attachments/avatars/${USER_ID}/3`);
    expect(signedOut?.status).toBe(401);
  });
});
