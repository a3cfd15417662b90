import { readdirSync } from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS, AVATAR_SIZE_PX, AVATAR_UPLOAD_MAX_BYTES, MeResponseSchema, SignedLinkResponseSchema, type User } from '../../../../common/protocol';
import { download } from '../../../support/files';
import {
  closeAllClients,
  createRoom,
  expectErrorBody,
  expectNoPush,
  http,
  newMember,
  newMembers,
  type HttpResult,
  type Member,
} from '../../../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../../../support/test-server';

const STORAGES = await storages();

/** A `width`x`height` PNG whose left half is red and right half blue. */
function halvesPng(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(x < width / 2 ? [255, 0, 0] : [0, 0, 255], (y * width + x) * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

function postAvatar(server: TestServer, token: string | undefined, bytes: Uint8Array, mime = 'image/png', field = 'file'): Promise<HttpResult> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type: mime }), 'me.png');
  return http(server, 'POST', API_PATHS.myAvatar, { token, body: form });
}

const userOf = (res: HttpResult): User => MeResponseSchema.parse(res.body).user;

/** The RGB of one pixel of an image. */
async function pixel(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + 3)];
}

const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 60 && b! < 60;
const isBlue = ([r, g, b]: number[]) => b! > 200 && r! < 60 && g! < 60;

describe.each(STORAGES)('avatars: POST/DELETE /api/me/avatar, GET /api/users/:id/avatar (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage);
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('a PNG becomes a 256x256 webp, cropped to cover, served back to any signed-in user; room-mates get user:updated', async () => {
    const [alice, mate, stranger] = (await newMembers(server, 3, 'av')) as [Member, Member, Member];
    await createRoom(alice.c, 'group', [mate]);
    const res = await postAvatar(server, alice.token, await halvesPng(512, 256));
    expect(res.status, res.text).toBe(200);
    const user = userOf(res);
    expect(user.avatarUrl).toMatch(new RegExp(`^/api/users/${alice.user.id}/avatar\\?v=\\d+$`));

    for (const device of [alice.c, mate.c]) expect((await device.waitFor('user:updated', (u) => u.id === alice.user.id)).avatarUrl).toBe(user.avatarUrl);
    await expectNoPush(stranger.c, 'user:updated', (u) => u.id === alice.user.id, 200);

    const served = await download(server, user.avatarUrl!, stranger.token);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(imageSize(served.bytes)).toMatchObject({ type: 'webp', width: AVATAR_SIZE_PX, height: AVATAR_SIZE_PX });
    // Cover: the 512x256 picture is cut to its middle square, red on the left, blue on the right (no bars).
    expect(isRed(await pixel(served.bytes, 10, 128))).toBe(true);
    expect(isBlue(await pixel(served.bytes, 245, 128))).toBe(true);
    expect(isRed(await pixel(served.bytes, 10, 2))).toBe(true);

    // The same URL without its version is not cached for good; /api/me and users:get carry the URL.
    expect((await download(server, `/api/users/${alice.user.id}/avatar`, stranger.token)).headers.get('cache-control')).toBe('private, no-cache');
    expect(userOf(await http(server, 'GET', '/api/me', { token: alice.token })).avatarUrl).toBe(user.avatarUrl);
    expect((await stranger.c.ok('users:get', { userIds: [alice.user.id] })).users[0]?.avatarUrl).toBe(user.avatarUrl);
  });

  it('JPEG metadata is stripped; a new picture gets a new version and replaces the old file', async () => {
    const alice = await newMember(server, 'avj');
    const jpeg = await sharp(await halvesPng(300, 300))
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret place', Artist: 'someone' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const first = userOf(await postAvatar(server, alice.token, jpeg, 'image/jpeg'));
    const served = await download(server, first.avatarUrl!, alice.token);
    const metadata = await sharp(served.bytes).metadata();
    expect(metadata).toMatchObject({ format: 'webp', width: AVATAR_SIZE_PX, height: AVATAR_SIZE_PX });
    expect(metadata.exif).toBeUndefined();
    expect(served.bytes.includes(Buffer.from('secret place'))).toBe(false);

    const second = userOf(await postAvatar(server, alice.token, await halvesPng(64, 64)));
    expect(second.avatarUrl).not.toBe(first.avatarUrl);
    // The old URL now serves the current picture, but is no longer cacheable for good.
    expect((await download(server, first.avatarUrl!, alice.token)).headers.get('cache-control')).toBe('private, no-cache');
    // One file per avatar: a replaced picture's file is removed.
    const avatarFiles = () => readdirSync(path.join(server.dataDir, 'uploads', 'avatars'));
    const countBefore = avatarFiles().length;
    await postAvatar(server, alice.token, await halvesPng(32, 32));
    expect(avatarFiles()).toHaveLength(countBefore);
  });

  it('GIF and WebP are accepted too', async () => {
    const alice = await newMember(server, 'avg');
    for (const [bytes, mime] of [
      [
        await sharp(await halvesPng(40, 20))
          .gif()
          .toBuffer(),
        'image/gif',
      ],
      [
        await sharp(await halvesPng(40, 20))
          .webp()
          .toBuffer(),
        'image/webp',
      ],
    ] as const) {
      const res = await postAvatar(server, alice.token, bytes, mime);
      expect(res.status, res.text).toBe(200);
      const served = await download(server, userOf(res).avatarUrl!, alice.token);
      expect(imageSize(served.bytes)).toMatchObject({ width: AVATAR_SIZE_PX, height: AVATAR_SIZE_PX });
    }
  });

  it('non-images, broken images and SVG are 400 invalid_input, and the avatar stays as it was', async () => {
    const alice = await newMember(server, 'avbad');
    const before = userOf(await postAvatar(server, alice.token, await halvesPng(20, 20)));
    const png = await halvesPng(50, 50);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    for (const [bytes, mime] of [
      [Buffer.from('just some notes\n'), 'image/png'],
      [svg, 'image/svg+xml'],
      [Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 7)]), 'image/png'],
      [png.subarray(0, png.length - 30), 'image/png'],
    ] as const) {
      expectErrorBody(await postAvatar(server, alice.token, bytes, mime), 400, 'invalid_input');
    }
    expectErrorBody(await postAvatar(server, alice.token, png, 'image/png', 'picture'), 400, 'invalid_input');
    expectErrorBody(await http(server, 'POST', API_PATHS.myAvatar, { token: alice.token, json: { file: 'x' } }), 400, 'invalid_input');
    expect(userOf(await http(server, 'GET', '/api/me', { token: alice.token })).avatarUrl).toBe(before.avatarUrl);
  });

  it(`over ${AVATAR_UPLOAD_MAX_BYTES} bytes is 413 too_large, as uploads are`, async () => {
    const alice = await newMember(server, 'avbig');
    const png = await halvesPng(8, 8);
    const big = Buffer.concat([png, Buffer.alloc(AVATAR_UPLOAD_MAX_BYTES + 1 - png.length)]);
    expectErrorBody(await postAvatar(server, alice.token, big), 413, 'too_large');
    expect(userOf(await http(server, 'GET', '/api/me', { token: alice.token })).avatarUrl).toBeNull();
  });

  it('DELETE removes it (404 afterwards, avatarUrl null, user:updated); DELETE again is a quiet 200', async () => {
    const [alice, mate] = (await newMembers(server, 2, 'avdel')) as [Member, Member];
    await createRoom(alice.c, 'group', [mate]);
    const set = userOf(await postAvatar(server, alice.token, await halvesPng(20, 20)));
    await mate.c.waitFor('user:updated', (u) => u.id === alice.user.id && u.avatarUrl === set.avatarUrl);

    const res = await http(server, 'DELETE', API_PATHS.myAvatar, { token: alice.token });
    expect(res.status, res.text).toBe(200);
    expect(userOf(res).avatarUrl).toBeNull();
    await mate.c.waitFor('user:updated', (u) => u.id === alice.user.id && u.avatarUrl === null);
    expectErrorBody(await http(server, 'GET', set.avatarUrl!, { token: mate.token }), 404, 'not_found');

    mate.c.clear();
    const again = await http(server, 'DELETE', API_PATHS.myAvatar, { token: alice.token });
    expect(again.status).toBe(200);
    expect(userOf(again).avatarUrl).toBeNull();
    await expectNoPush(mate.c, 'user:updated', (u) => u.id === alice.user.id, 200);
  });

  it('404 for a user without an avatar and for an unknown user; 400 for a malformed id', async () => {
    const alice = await newMember(server, 'av404');
    expectErrorBody(await http(server, 'GET', `/api/users/${alice.user.id}/avatar`, { token: alice.token }), 404, 'not_found');
    expectErrorBody(await http(server, 'GET', '/api/users/0190c0de-0000-7000-8000-000000000000/avatar', { token: alice.token }), 404, 'not_found');
    expectErrorBody(await http(server, 'GET', '/api/users/not-an-id/avatar', { token: alice.token }), 400, 'invalid_input');
  });

  it('every route needs a valid bearer token; a signed link works without one and only for that avatar', async () => {
    const [alice, bob] = (await newMembers(server, 2, 'avauth')) as [Member, Member];
    const png = await halvesPng(20, 20);
    expectErrorBody(await postAvatar(server, undefined, png), 401, 'unauthorized');
    expectErrorBody(await postAvatar(server, 'forged.token.here', png), 401, 'unauthorized');
    expectErrorBody(await http(server, 'DELETE', API_PATHS.myAvatar), 401, 'unauthorized');
    const user = userOf(await postAvatar(server, alice.token, png));
    expectErrorBody(await http(server, 'GET', user.avatarUrl!), 401, 'unauthorized');
    expectErrorBody(await http(server, 'GET', `/api/users/${alice.user.id}/avatar/link`), 401, 'unauthorized');

    const link = SignedLinkResponseSchema.parse((await http(server, 'GET', `/api/users/${alice.user.id}/avatar/link`, { token: bob.token })).body);
    const viaLink = await download(server, link.url);
    expect(viaLink.status).toBe(200);
    expect(imageSize(viaLink.bytes)).toMatchObject({ width: AVATAR_SIZE_PX, height: AVATAR_SIZE_PX });
    // The signature names alice's avatar: it opens nothing else.
    const signature = new URL(link.url, server.url).search.replace(/^\?v=\d+/, '');
    await postAvatar(server, bob.token, png);
    expectErrorBody(await http(server, 'GET', `/api/users/${bob.user.id}/avatar?v=1${signature}`), 401, 'unauthorized');
    expectErrorBody(await http(server, 'GET', `${link.url.replace(/sig=[^&]+/, 'sig=AAAA')}`), 401, 'unauthorized');
  });
});
