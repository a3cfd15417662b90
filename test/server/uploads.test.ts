import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, SignedLinkResponseSchema, type Attachment } from '../../common/protocol';
import { download, makePng, upload, uploadRaw } from '../support/files';
import { closeAllClients, createRoom, expectErrorBody, http, newClientId, newMembers, type Member } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const MAX_BYTES = 4096;
const HTML = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');

describe.each(STORAGES)('uploads and files (%s)', (storage) => {
  let server: TestServer;
  let alice: Member;
  let bob: Member;
  let eve: Member;
  let roomId: string;
  const png = makePng(3, 2);

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { UPLOAD_MAX_BYTES: String(MAX_BYTES), RATE_LIMIT_MESSAGES: '1000' } });
    [alice, bob, eve] = (await newMembers(server, 3, 'up')) as [Member, Member, Member];
    roomId = (await createRoom(alice.c, 'group', [bob])).id;
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  /** Uploads as alice and posts it in the shared room; returns the attachment from the message. */
  async function postFile(bytes: Buffer, name: string, mime: string, body = ''): Promise<Attachment> {
    const att = await upload(server, alice.token, bytes, name, mime);
    const { message } = await alice.c.ok('messages:send', { roomId, clientId: newClientId(), body, attachmentIds: [att.id] });
    expect(message.attachments).toEqual([att]);
    return att;
  }

  describe('POST /api/uploads', () => {
    it('an image gives 201 {attachment} with its size, width and height', async () => {
      const res = await uploadRaw(server, alice.token, png, 'dot.png', 'image/png');
      expect(res.status).toBe(201);
      const att = (res.body as { attachment: Attachment }).attachment;
      expect(att).toMatchObject({ name: 'dot.png', mime: 'image/png', size: png.length, width: 3, height: 2 });
      expect(att.url).toBe(`/api/files/${att.id}`);
    });

    it('a non-image gives width and height null', async () => {
      const bytes = Buffer.from('just some notes\n');
      const att = await upload(server, alice.token, bytes, 'notes.txt', 'text/plain');
      expect(att).toMatchObject({ name: 'notes.txt', size: bytes.length, width: null, height: null });
      expect(att.mime.startsWith('text/plain')).toBe(true);
    });

    it('a file claiming to be an image that is not one gets no dimensions', async () => {
      const att = await upload(server, alice.token, Buffer.from('not really a png'), 'fake.png', 'image/png');
      expect(att.width).toBeNull();
      expect(att.height).toBeNull();
    });

    it(`413 too_large over UPLOAD_MAX_BYTES (${MAX_BYTES}), and nothing usable is left`, async () => {
      const big = Buffer.alloc(MAX_BYTES * 3, 7);
      const res = await uploadRaw(server, alice.token, big, 'big.bin', 'application/octet-stream');
      expectErrorBody(res, 413, 'too_large');
      expect((res.body as { attachment?: unknown }).attachment).toBeUndefined();
      // the server is fine and a small upload still works
      const att = await upload(server, alice.token, png, 'after.png', 'image/png');
      expect(att.size).toBe(png.length);
    });

    it('401 without a token, and 400 without a file field', async () => {
      expectErrorBody(await uploadRaw(server, undefined, png, 'dot.png', 'image/png'), 401, 'unauthorized');
      expectErrorBody(await uploadRaw(server, 'forged.token.here', png, 'dot.png', 'image/png'), 401, 'unauthorized');
      const wrongField = await uploadRaw(server, alice.token, png, 'dot.png', 'image/png', 'notfile');
      expectErrorBody(wrongField, 400, 'invalid_input');
      const notMultipart = await http(server, 'POST', '/api/uploads', { token: alice.token, json: { file: 'x' } });
      expect([400, 415]).toContain(notMultipart.status);
      ErrorBodySchema.parse(notMultipart.body);
    });

    it('a path in the file name does not escape', async () => {
      const att = await upload(server, alice.token, Buffer.from('x'), '../../etc/passwd', 'text/plain');
      expect(att.name).not.toContain('/');
      const att2 = await upload(server, alice.token, Buffer.from('x'), '..\\..\\win.ini', 'text/plain');
      expect(att2.url).toBe(`/api/files/${att2.id}`);
    });
  });

  describe('messages with attachments', () => {
    it('a message may carry attachments and an empty body; members get it pushed', async () => {
      const a1 = await upload(server, alice.token, png, 'one.png', 'image/png');
      const a2 = await upload(server, alice.token, Buffer.from('two'), 'two.txt', 'text/plain');
      const { message } = await alice.c.ok('messages:send', { roomId, clientId: newClientId(), body: '', attachmentIds: [a1.id, a2.id] });
      expect(message.body).toBe('');
      expect(message.attachments.map((a) => a.id)).toEqual([a1.id, a2.id]);
      const pushed = await bob.c.waitFor('message:new', (m) => m.id === message.id);
      expect(pushed.attachments).toEqual(message.attachments);
    });

    it("you cannot attach someone else's upload, nor an unknown one", async () => {
      const att = await upload(server, bob.token, png, 'bobs.png', 'image/png');
      const ack = await alice.c.call('messages:send', { roomId, clientId: newClientId(), body: 'stolen', attachmentIds: [att.id] });
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(['forbidden', 'not_found', 'invalid_input']).toContain(ack.error.code);
      const unknown = await alice.c.call('messages:send', { roomId, clientId: newClientId(), body: 'ghost', attachmentIds: [newClientId()] });
      expect(unknown.ok).toBe(false);
      if (!unknown.ok) expect(['not_found', 'invalid_input', 'forbidden']).toContain(unknown.error.code);
      const hist = await bob.c.ok('messages:history', { roomId, limit: 100 });
      expect(hist.messages.some((m) => m.body === 'stolen' || m.body === 'ghost')).toBe(false);
      // and eve, who shares no room with bob, still cannot read it
      expect((await download(server, att.url, eve.token)).status).toBe(403);
    });

    it('deleting a message removes its attachments from the tombstone', async () => {
      const att = await upload(server, alice.token, png, 'temp.png', 'image/png');
      const { message } = await alice.c.ok('messages:send', { roomId, clientId: newClientId(), body: 'temp', attachmentIds: [att.id] });
      const { message: tomb } = await alice.c.ok('messages:delete', { messageId: message.id });
      expect(tomb.attachments).toEqual([]);
    });
  });

  describe('GET <attachment.url>', () => {
    it('a room member gets the PNG bytes, its mime, nosniff, and not as a download', async () => {
      const att = await postFile(png, 'pixel.png', 'image/png', 'look');
      const res = await download(server, att.url, bob.token);
      expect(res.status).toBe(200);
      expect(res.bytes.equals(png)).toBe(true);
      expect(res.headers.get('content-type')).toMatch(/^image\/png/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const cd = res.headers.get('content-disposition') ?? 'inline';
      expect(cd.toLowerCase().startsWith('attachment')).toBe(false);
      // the uploader too
      expect((await download(server, att.url, alice.token)).status).toBe(200);
    });

    it.each([
      ['page.html', 'text/html', HTML],
      ['logo.svg', 'image/svg+xml', SVG],
      ['tool.exe', 'application/octet-stream', Buffer.from('MZ\x90\x00')],
      ['data.json', 'application/json', Buffer.from('{"a":1}')],
    ])('%s is served as a download (Content-Disposition: attachment) with nosniff', async (name, mime, bytes) => {
      const att = await postFile(bytes, name, mime, `file ${name}`);
      const res = await download(server, att.url, bob.token);
      expect(res.status).toBe(200);
      expect(res.bytes.equals(bytes)).toBe(true);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect((res.headers.get('content-disposition') ?? '').toLowerCase()).toMatch(/^attachment/);
      // served with the stored mime type; the disposition and nosniff keep it from rendering
      expect(res.headers.get('content-type')?.split(';')[0]).toBe(att.mime.split(';')[0]);
    });

    it('403 for a user who shares no room where it was posted; 401 without credentials; 404 unknown', async () => {
      const att = await postFile(png, 'private.png', 'image/png', 'private');
      const forEve = await download(server, att.url, eve.token);
      expect(forEve.status).toBe(403);
      expect(forEve.bytes.equals(png)).toBe(false);
      const anon = await download(server, att.url);
      expect(anon.status).toBe(401);
      expect(anon.bytes.equals(png)).toBe(false);
      expect((await download(server, att.url, 'bad.token.x')).status).toBe(401);
      expect((await download(server, `/api/files/${newClientId()}`, alice.token)).status).toBe(404);
      expect([400, 404]).toContain((await download(server, '/api/files/..%2F..%2Fetc%2Fpasswd', alice.token)).status);
    });

    it('a member who left loses access; a new member gains it', async () => {
      const [carol, dave] = (await newMembers(server, 2, 'upl')) as [Member, Member];
      const group = await createRoom(alice.c, 'group', [carol]);
      const att = await upload(server, alice.token, png, 'g.png', 'image/png');
      await alice.c.ok('messages:send', { roomId: group.id, clientId: newClientId(), body: 'g', attachmentIds: [att.id] });
      expect((await download(server, att.url, carol.token)).status).toBe(200);
      expect((await download(server, att.url, dave.token)).status).toBe(403);
      await carol.c.ok('rooms:leave', { roomId: group.id });
      await alice.c.ok('rooms:invite', { roomId: group.id, userIds: [dave.user.id] });
      expect((await download(server, att.url, carol.token)).status).toBe(403);
      expect((await download(server, att.url, dave.token)).status).toBe(200);
    });
  });

  describe('signed links (extension)', () => {
    it('a signed link works without a bearer token; tampering fails', async () => {
      const att = await postFile(png, 'signed.png', 'image/png', 'signed');
      const res = await http(server, 'GET', `${att.url}/link`, { token: bob.token });
      expect(res.status).toBe(200);
      const link = SignedLinkResponseSchema.parse(res.body);
      const expires = Date.parse(link.expiresAt);
      expect(expires).toBeGreaterThan(Date.now());
      expect(expires).toBeLessThanOrEqual(Date.now() + 5 * 60_000 + 5000);

      const ok = await download(server, link.url);
      expect(ok.status).toBe(200);
      expect(ok.bytes.equals(png)).toBe(true);
      expect(ok.headers.get('x-content-type-options')).toBe('nosniff');

      const u = new URL(link.url, server.url);
      const sig = u.searchParams.get('sig') ?? '';
      const exp = u.searchParams.get('exp') ?? '';
      expect(sig.length).toBeGreaterThan(10);
      const variants: Array<[string, string]> = [
        [exp, `${sig.slice(0, -2)}${sig.at(-2) === 'A' ? 'B' : 'A'}${sig.slice(-1)}`],
        [exp, ''],
        [String(Number(exp) + 3600), sig],
        [String(Number(exp) * 1000 + 3_600_000), sig],
      ];
      for (const [e, s] of variants) {
        const t = new URL(u);
        t.searchParams.set('exp', e);
        t.searchParams.set('sig', s);
        const res2 = await download(server, t.pathname + t.search);
        expect([401, 403]).toContain(res2.status);
        expect(res2.bytes.equals(png)).toBe(false);
      }
      // a signature for one file does not open another
      const other = await postFile(makePng(4, 4), 'other.png', 'image/png', 'other');
      const cross = await download(server, `${other.url}?exp=${exp}&sig=${encodeURIComponent(sig)}`);
      expect([401, 403]).toContain(cross.status);
    });

    it('no link for a user who shares no room, nor without a token', async () => {
      const att = await postFile(png, 'nolink.png', 'image/png', 'nolink');
      expect((await http(server, 'GET', `${att.url}/link`, { token: eve.token })).status).toBe(403);
      expect((await http(server, 'GET', `${att.url}/link`)).status).toBe(401);
    });
  });
});
