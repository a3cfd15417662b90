/**
 * What uploads may cost: a per-user quota (UPLOAD_QUOTA_BYTES), and the periodic clean-up that
 * removes uploads never attached to a message and the files of deleted messages, from the
 * database and the disk, while attached files stay.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload, uploadRaw } from '../support/files';
import { closeAllClients, createRoom, eventually, expectErrorBody, newClientId, newMembers, type Member } from '../support/protocol-client';
import { closeAll, sleep, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const QUOTA = 3000;
const bytes = (n: number): Buffer => Buffer.alloc(n, 0x61);
/**
 * GET on a connection of its own that closes after the answer. A keep-alive download can leave a
 * socket that holds up the server's close (seen with fetch on /api/files, with or without the
 * clean-up), which would time out this suite's afterAll.
 */
function getOnce(url: string, token: string): Promise<{ status: number; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}
const storedFiles = async (server: TestServer): Promise<string[]> => readdir(path.join(server.dataDir, 'uploads')).catch(() => []);

describe.each(STORAGES)('upload quota (%s)', (storage) => {
  let server: TestServer;
  let alice: Member;
  let bob: Member;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { UPLOAD_QUOTA_BYTES: String(QUOTA), UPLOAD_MAX_BYTES: '4096' } });
    [alice, bob] = (await newMembers(server, 2, 'quota')) as [Member, Member];
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('uploads fill the quota exactly; one byte more is 413 too_large for that user only', async () => {
    await upload(server, alice.token, bytes(1000), 'a.txt', 'text/plain');
    await upload(server, alice.token, bytes(1000), 'b.txt', 'text/plain');
    const before = (await storedFiles(server)).length;

    // Does not fit in what is left (1000): refused after reading, and the file is not kept.
    const over = await uploadRaw(server, alice.token, bytes(1001), 'c.txt', 'text/plain');
    expect(expectErrorBody(over, 413, 'too_large').error.message).toMatch(/quota/);
    expect(await storedFiles(server)).toHaveLength(before);

    await upload(server, alice.token, bytes(1000), 'd.txt', 'text/plain');
    // Used up: refused before the body is read.
    const full = await uploadRaw(server, alice.token, bytes(1), 'e.txt', 'text/plain');
    expect(expectErrorBody(full, 413, 'too_large').error.message).toMatch(/quota/);

    await upload(server, bob.token, bytes(QUOTA), 'bob.txt', 'text/plain');
  });

  it('concurrent uploads cannot overshoot the quota together', async () => {
    const [carol] = (await newMembers(server, 1, 'quota2')) as [Member];
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => uploadRaw(server, carol.token, bytes(1000), `${i}.txt`, 'text/plain')));
    expect(results.filter((res) => res.status === 201)).toHaveLength(3);
    for (const res of results.filter((r) => r.status !== 201)) expectErrorBody(res, 413, 'too_large');
  });
});

describe.each(STORAGES)('upload clean-up (%s)', (storage) => {
  let server: TestServer;
  let alice: Member;
  let bob: Member;

  beforeAll(async () => {
    server = await startTestServer(storage, {
      env: { UPLOAD_CLEANUP_INTERVAL_SECONDS: '1', UPLOAD_UNATTACHED_GRACE_SECONDS: '1', RATE_LIMIT_MESSAGES: '1000' },
    });
    [alice, bob] = (await newMembers(server, 2, 'sweep')) as [Member, Member];
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it("removes uploads never attached and deleted messages' files, from the database and the disk; keeps attached ones", async () => {
    const roomId = (await createRoom(alice.c, 'group', [bob])).id;
    const fileOnDisk = (id: string): string => path.join(server.dataDir, 'uploads', id);
    const unattached = await upload(server, alice.token, bytes(10), 'never.txt', 'text/plain');
    const ofDeleted = await upload(server, alice.token, bytes(10), 'deleted.txt', 'text/plain');
    const kept = await upload(server, alice.token, bytes(10), 'kept.txt', 'text/plain');
    const { message: doomed } = await alice.c.ok('messages:send', { roomId, clientId: newClientId(), body: 'x', attachmentIds: [ofDeleted.id] });
    await alice.c.ok('messages:send', { roomId, clientId: newClientId(), body: 'y', attachmentIds: [kept.id] });
    await alice.c.ok('messages:delete', { messageId: doomed.id });
    for (const att of [unattached, ofDeleted, kept]) expect(existsSync(fileOnDisk(att.id))).toBe(true);

    await eventually(() => !existsSync(fileOnDisk(unattached.id)) && !existsSync(fileOnDisk(ofDeleted.id)), 20_000, 200);
    for (const att of [unattached, ofDeleted]) expect((await getOnce(server.url + att.url, alice.token)).status).toBe(404);

    // A few more sweeps later the attached file is still there for the room.
    await sleep(2500);
    expect(existsSync(fileOnDisk(kept.id))).toBe(true);
    const fetched = await getOnce(server.url + kept.url, bob.token);
    expect(fetched.status).toBe(200);
    expect(fetched.bytes).toEqual(bytes(10));
  });
});
