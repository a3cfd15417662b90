import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopEvent } from '../../../common/ipc';
import type { User } from '../../../common/protocol';
import { DesktopError } from '../../../main/services/errors';
import { ServerHttpService } from '../../../main/services/server-http-service';

const USER: User = {
  id: '00000000-0000-7000-8000-0000000000a1',
  username: 'alice',
  displayName: 'Alice',
  status: 'online',
  lastSeenAt: null,
};

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: Buffer;
}

let server: Server;
let baseUrl = '';
const seen: Seen[] = [];
/** What the stub answers next: status and JSON body. */
let answer: { status: number; body: unknown } = { status: 200, body: { user: USER } };

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((body) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function service(signedIn = true) {
  const events: DesktopEvent[] = [];
  const http = new ServerHttpService({ current: () => (signedIn ? { url: baseUrl, token: 'tok', user: USER } : null) }, (event) => events.push(event));
  return { http, events };
}

const UPLOAD_ID = '00000000-0000-7000-8000-0000000000c1';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('ServerHttpService: the avatar', () => {
  it('posts the image as the multipart field `file` to /api/me/avatar with the token, reporting progress', async () => {
    answer = { status: 200, body: { user: { ...USER, avatarUrl: `/api/users/${USER.id}/avatar?v=1` } } };
    const { http, events } = service();
    const { user } = await http.setAvatar({ uploadId: UPLOAD_ID, mime: 'image/png', data: PNG });
    expect(user.id).toBe(USER.id);
    const request = seen.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/me/avatar');
    expect(request.authorization).toBe('Bearer tok');
    expect(request.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const text = request.body.toString('latin1');
    expect(text).toContain('name="file"; filename="avatar.png"');
    expect(text).toContain('Content-Type: image/png');
    expect(request.body.includes(Buffer.from(PNG))).toBe(true);
    const progress = events.filter((e) => e.type === 'upload:progress').map((e) => e.payload);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.uploadId === UPLOAD_ID)).toBe(true);
    expect(progress.at(-1)!.loaded).toBe(progress.at(-1)!.total);
    expect(progress.at(-1)!.total).toBe(request.body.byteLength);
  });

  it("passes the server's refusal on with its code and message", async () => {
    answer = { status: 400, body: { error: { code: 'invalid_input', message: 'That file is not an image.' } } };
    const { http } = service();
    const failure = await http.setAvatar({ uploadId: UPLOAD_ID, mime: 'image/png', data: PNG }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DesktopError);
    expect((failure as DesktopError).info).toEqual({ code: 'invalid_input', message: 'That file is not an image.' });
  });

  it('an answer without a user is an unexpected answer, not a success', async () => {
    answer = { status: 200, body: { ok: true } };
    const { http } = service();
    await expect(http.setAvatar({ uploadId: UPLOAD_ID, mime: 'image/png', data: PNG })).rejects.toBeInstanceOf(DesktopError);
  });

  it('removes the avatar with DELETE /api/me/avatar', async () => {
    answer = { status: 200, body: { user: { ...USER, avatarUrl: null } } };
    const { http } = service();
    const { user } = await http.removeAvatar();
    expect(user.id).toBe(USER.id);
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/me/avatar', authorization: 'Bearer tok' });
  });

  it('signed out: nothing is sent', async () => {
    const before = seen.length;
    const { http } = service(false);
    await expect(http.setAvatar({ uploadId: UPLOAD_ID, mime: 'image/png', data: PNG })).rejects.toBeInstanceOf(DesktopError);
    await expect(http.removeAvatar()).rejects.toBeInstanceOf(DesktopError);
    expect(seen.length).toBe(before);
  });
});
