import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEQ_MAX } from '../../common/protocol';
import { closeAllClients, createRoom, expectErrorBody, http, newMember, send, type Member } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const PAST_SEQ = 2 ** 31;

describe.each(STORAGES)('number ranges and malformed bodies (%s)', (storage) => {
  let server: TestServer;
  let alice: Member;
  let roomId: string;

  beforeAll(async () => {
    server = await startTestServer(storage);
    alice = await newMember(server, 'rng');
    roomId = (await createRoom(alice.c, 'group')).id;
    await send(alice.c, roomId, 'one');
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('a seq past the storage range is invalid_input, not internal, in every event that takes one', async () => {
    await alice.c.fail('messages:sync', { roomId, after: PAST_SEQ }, 'invalid_input');
    await alice.c.fail('messages:history', { roomId, before: PAST_SEQ }, 'invalid_input');
    await alice.c.fail('receipts:delivered', { roomId, seq: PAST_SEQ }, 'invalid_input');
    await alice.c.fail('receipts:read', { roomId, seq: PAST_SEQ }, 'invalid_input');
    await alice.c.failRaw('messages:sync', { roomId, after: Number.MAX_SAFE_INTEGER }, 'invalid_input');
    await alice.c.failRaw('messages:history', { roomId, before: 1e300 }, 'invalid_input');
  });

  it('the largest seq in range is served', async () => {
    expect((await alice.c.ok('messages:sync', { roomId, after: SEQ_MAX })).messages).toEqual([]);
    expect((await alice.c.ok('messages:history', { roomId, before: SEQ_MAX })).messages.map((m) => m.body)).toEqual(['one']);
    await alice.c.ok('receipts:read', { roomId, seq: SEQ_MAX });
  });

  it('a multipart upload with a broken boundary is 400 invalid_input, not 500', async () => {
    const broken = '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XY';
    const res = await http(server, 'POST', '/api/uploads', {
      token: alice.token,
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      body: broken,
    });
    expectErrorBody(res, 400, 'invalid_input');
    const noBoundary = await http(server, 'POST', '/api/uploads', {
      token: alice.token,
      headers: { 'content-type': 'multipart/form-data' },
      body: broken,
    });
    expectErrorBody(noBoundary, 400, 'invalid_input');
  });
});
