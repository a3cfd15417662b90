import type { ServerResponse } from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignedLinkResponseSchema, type Message } from '../../common/protocol';
import { closeAllClients, createRoom, http, newMembers, send, type Member } from '../support/protocol-client';
import { htmlPage, startLocalSite, streamedBody, type LocalSite } from '../support/local-site';
import { closeAll, sleep, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const PUSH_TIMEOUT_MS = 8_000;
const FRIENDLY_HEAD =
  '<title>Friendly page</title><meta property="og:description" content="Everything &amp; more"><meta property="og:site_name" content="Friends"><meta property="og:image" content="/img.png">';

/** Waits until the site served `pathname`, then a little longer for anything the server would do with it. */
async function settled(site: LocalSite, pathname: string): Promise<void> {
  await site.requested(pathname);
  await sleep(500);
}

describe.each(STORAGES)('link previews (%s)', (storage) => {
  let server: TestServer;
  let friendly: LocalSite;
  let forbidden: LocalSite;
  let alice: Member;
  let bob: Member;
  let roomId: string;
  const hugeHead = streamedBody('<html><head><title>Huge head</title><script>', 20 * 1024 * 1024);
  let slowClosedAt: number | undefined;

  beforeAll(async () => {
    const png = await sharp({ create: { width: 1000, height: 500, channels: 3, background: '#0a0' } })
      .png()
      .toBuffer();
    const serve = (type: string, body: string | Buffer) => (_request: unknown, response: ServerResponse) =>
      void response.writeHead(200, { 'content-type': type }).end(body);
    forbidden = await startLocalSite({ '/secret': htmlPage('<title>Internal only</title>') });
    const routes = {
      '/img.png': serve('image/png', png),
      '/to-forbidden': (_request: unknown, response: ServerResponse) => void response.writeHead(302, { location: forbidden.url('/secret') }).end(),
      '/huge-head': hugeHead,
      '/slow': (_request: unknown, response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<html><head>');
        response.on('close', () => (slowClosedAt = Date.now()));
      },
      '/data.json': serve('application/json', '{"title":"not a page"}'),
      '/big-image': htmlPage('<title>Big image</title><meta property="og:image" content="/huge.png">'),
      '/huge.png': streamedBody('', 10 * 1024 * 1024, 'image/png'),
    };
    // Every test links pages of its own, so the cache of one test does not answer another's.
    const pages = Object.fromEntries(
      ['/page', '/cached', '/together', '/removable', '/kept', '/other', '/after-refusal', '/after-redirect', '/members-only'].map((p) => [
        p,
        htmlPage(FRIENDLY_HEAD),
      ]),
    );
    friendly = await startLocalSite({ ...routes, ...pages });
    server = await startTestServer(storage, { env: { LINK_PREVIEW_ALLOW: friendly.hostPort } });
    [alice, bob] = (await newMembers(server, 2, 'lp')) as [Member, Member];
    roomId = (await createRoom(alice.c, 'group', [bob])).id;
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
    await Promise.all([friendly?.close(), forbidden?.close()]);
  });

  const updated = (message: Message, predicate: (m: Message) => boolean = (m) => (m.previews ?? []).length > 0) =>
    bob.c.waitFor('message:updated', (m) => m.id === message.id && predicate(m), PUSH_TIMEOUT_MS);
  const stored = async (message: Message): Promise<Message> => {
    const [found] = (await bob.c.ok('messages:sync', { roomId, after: message.seq - 1, limit: 1 })).messages;
    if (!found) throw new Error('message not found');
    return found;
  };
  const updatesOf = (message: Message) => bob.c.events('message:updated', (m) => m.id === message.id);

  it('a friendly page gives title, description, site name and an image, pushed as message:updated after the ack', async () => {
    const message = await send(alice.c, roomId, `have a look: ${friendly.url('/page')}`);
    expect(message.previews).toEqual([]);
    const pushed = await updated(message);
    expect(pushed.previews).toEqual([
      {
        url: friendly.url('/page'),
        title: 'Friendly page',
        description: 'Everything & more',
        siteName: 'Friends',
        imageUrl: expect.stringMatching(/^\/api\/previews\/[0-9a-f-]{36}\/image$/) as string,
      },
    ]);
    expect((await stored(message)).previews).toEqual(pushed.previews);
    expect(
      (await alice.c.ok('messages:history', { roomId, limit: 100 })).messages.every((m) => Array.isArray(m.previews)),
      'every message carries previews',
    ).toBe(true);

    const imageUrl = pushed.previews?.[0]?.imageUrl ?? '';
    const image = await fetch(server.url + imageUrl, { headers: { authorization: `Bearer ${bob.token}` } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    const metadata = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', 600, 300]);
    expect((await fetch(server.url + imageUrl)).status).toBe(401);

    const link = SignedLinkResponseSchema.parse((await http(server, 'GET', `${imageUrl}/link`, { token: bob.token })).body);
    expect((await fetch(server.url + link.url)).status).toBe(200);
    expect((await fetch(server.url + link.url.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(401);
    expect((await http(server, 'GET', '/api/previews/01900000-0000-7000-8000-000000000000/image', { token: bob.token })).status).toBe(404);
  });

  it('the image is served to members of a room where a live message shows it; anyone else gets 404, as for an unknown id', async () => {
    const message = await send(alice.c, roomId, friendly.url('/members-only'));
    const imageUrl = (await updated(message)).previews?.[0]?.imageUrl ?? '';
    expect(imageUrl).toMatch(/^\/api\/previews\/[0-9a-f-]{36}\/image$/);
    const [carol] = (await newMembers(server, 1, 'lpc')) as [Member];
    const status = async (member: Member, path: string) => (await fetch(server.url + path, { headers: { authorization: `Bearer ${member.token}` } })).status;

    expect(await status(bob, imageUrl)).toBe(200);
    expect(await status(carol, imageUrl), 'not a member of the room').toBe(404);
    expect(await status(carol, `${imageUrl}/link`)).toBe(404);

    // Once the message is deleted no live message shows the image to the room.
    await alice.c.ok('messages:delete', { messageId: message.id });
    expect(await status(bob, imageUrl)).toBe(404);
    expect(await status(bob, `${imageUrl}/link`)).toBe(404);

    // The same link in carol's own room (from the cache: the same image) lets her see it.
    const carolsRoom = (await createRoom(carol.c, 'group')).id;
    const hers = await send(carol.c, carolsRoom, friendly.url('/members-only'));
    const shown = await carol.c.waitFor('message:updated', (m) => m.id === hers.id && (m.previews ?? []).length > 0, PUSH_TIMEOUT_MS);
    expect(shown.previews?.[0]?.imageUrl).toBe(imageUrl);
    expect(await status(carol, imageUrl)).toBe(200);
    const link = SignedLinkResponseSchema.parse((await http(server, 'GET', `${imageUrl}/link`, { token: carol.token })).body);
    expect((await fetch(server.url + link.url)).status).toBe(200);
    expect(await status(bob, imageUrl), 'still not shown in any room of bob').toBe(404);
  });

  it('the same page on a port that is not allowed is refused (127.0.0.1 is loopback)', async () => {
    const refused = await send(alice.c, roomId, `internal: ${forbidden.url('/secret')}`);
    // A friendly link sent after it is previewed: the refused one had every chance to be fetched by then.
    await updated(await send(alice.c, roomId, friendly.url('/after-refusal')));
    await sleep(300);
    expect(forbidden.hits('/secret')).toBe(0);
    expect((await stored(refused)).previews).toEqual([]);
    expect(updatesOf(refused)).toEqual([]);
  });

  it('a redirect from the allowed server to a non-allowed 127.0.0.1 port is refused', async () => {
    const message = await send(alice.c, roomId, friendly.url('/to-forbidden'));
    await settled(friendly, '/to-forbidden');
    await updated(await send(alice.c, roomId, friendly.url('/after-redirect')));
    expect(forbidden.hits('/secret')).toBe(0);
    expect((await stored(message)).previews).toEqual([]);
    expect(updatesOf(message)).toEqual([]);
  });

  it('a huge page is cut at the cap and previewed from what was read', async () => {
    const message = await send(alice.c, roomId, friendly.url('/huge-head'));
    expect((await updated(message)).previews?.[0]?.title).toBe('Huge head');
    await hugeHead.closed;
    expect(hugeHead.written()).toBeLessThan(8 * 1024 * 1024);
  });

  it('a slow server times out after 5 s and gives no preview', async () => {
    const message = await send(alice.c, roomId, friendly.url('/slow'));
    await friendly.requested('/slow');
    const askedAt = Date.now();
    while (slowClosedAt === undefined && Date.now() - askedAt < 9_000) await sleep(100);
    expect(slowClosedAt, 'the server hung up on the slow page').toBeDefined();
    expect((slowClosedAt ?? 0) - askedAt).toBeGreaterThan(4_000);
    expect((slowClosedAt ?? 0) - askedAt).toBeLessThan(7_000);
    await sleep(300);
    expect((await stored(message)).previews).toEqual([]);
    expect(updatesOf(message)).toEqual([]);
  }, 20_000);

  it('a link to something that is not HTML is ignored', async () => {
    const message = await send(alice.c, roomId, friendly.url('/data.json'));
    await settled(friendly, '/data.json');
    expect((await stored(message)).previews).toEqual([]);
    expect(updatesOf(message)).toEqual([]);
  });

  it('a 10 MB image is refused: the preview comes without it', async () => {
    const message = await send(alice.c, roomId, friendly.url('/big-image'));
    const pushed = await updated(message);
    expect(pushed.previews).toEqual([{ url: friendly.url('/big-image'), title: 'Big image', description: null, siteName: null, imageUrl: null }]);
  });

  it('a link in two messages is fetched once (one after the other, and both at once)', async () => {
    const first = await send(alice.c, roomId, `one ${friendly.url('/cached')}`);
    const firstPreviews = (await updated(first)).previews;
    const second = await send(alice.c, roomId, `two ${friendly.url('/cached')}`);
    expect((await updated(second)).previews).toEqual(firstPreviews);
    expect(friendly.hits('/cached')).toBe(1);

    const [a, b] = await Promise.all([send(alice.c, roomId, friendly.url('/together')), send(bob.c, roomId, friendly.url('/together'))]);
    await Promise.all([updated(a), updated(b)]);
    expect(friendly.hits('/together')).toBe(1);
  });

  it('messages:preview:remove: the sender removes a preview for good, another member may not', async () => {
    const message = await send(alice.c, roomId, `${friendly.url('/removable')} and ${friendly.url('/kept')}`);
    await updated(message, (m) => m.previews?.length === 2);

    await bob.c.fail('messages:preview:remove', { messageId: message.id, url: friendly.url('/removable') }, 'forbidden');
    await alice.c.fail('messages:preview:remove', { messageId: message.id, url: 'not a link' }, 'invalid_input');
    await alice.c.fail('messages:preview:remove', { messageId: '01900000-0000-7000-8000-000000000000', url: friendly.url('/kept') }, 'not_found');
    expect((await stored(message)).previews).toHaveLength(2);

    const { message: removed } = await alice.c.ok('messages:preview:remove', { messageId: message.id, url: friendly.url('/removable') });
    expect(removed.previews?.map((p) => p.url)).toEqual([friendly.url('/kept')]);
    await updated(message, (m) => m.previews?.length === 1);

    // An edit that keeps the link (and adds another) does not bring it back.
    await alice.c.ok('messages:edit', { messageId: message.id, body: `${friendly.url('/removable')} ${friendly.url('/kept')} ${friendly.url('/other')}` });
    const edited = await updated(message, (m) => (m.previews ?? []).some((p) => p.url === friendly.url('/other')));
    expect(edited.previews?.map((p) => p.url)).toEqual([friendly.url('/kept'), friendly.url('/other')]);
    await sleep(300);
    expect((await stored(message)).previews?.map((p) => p.url)).toEqual([friendly.url('/kept'), friendly.url('/other')]);

    // An edit that drops every link drops the previews.
    await alice.c.ok('messages:edit', { messageId: message.id, body: 'no links any more' });
    await updated(message, (m) => m.previews?.length === 0);
  });
});

describe('LINK_PREVIEWS=off', () => {
  let server: TestServer;
  let site: LocalSite;

  beforeAll(async () => {
    site = await startLocalSite({ '/page': htmlPage(FRIENDLY_HEAD) });
    server = await startTestServer('pglite', { env: { LINK_PREVIEWS: 'off', LINK_PREVIEW_ALLOW: site.hostPort } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
    await site?.close();
  });

  it('fetches nothing and messages keep previews: []', async () => {
    const [alice] = (await newMembers(server, 1, 'lpo')) as [Member];
    const roomId = (await createRoom(alice.c, 'group')).id;
    const message = await send(alice.c, roomId, site.url('/page'));
    await sleep(1_000);
    expect(site.hits('/page')).toBe(0);
    const [found] = (await alice.c.ok('messages:sync', { roomId, after: message.seq - 1, limit: 1 })).messages;
    expect(found?.previews).toEqual([]);
  });
});
