import { describe, expect, it } from 'vitest';
import { checkAck, checkPush } from '../../../main/services/server-answers';

const ROOM_ID = '0190a6f4-0000-7000-8000-000000000001';
const ALICE = '0190a6f4-0000-7000-8000-00000000000a';
const BOB = '0190a6f4-0000-7000-8000-00000000000b';
const AT = '2026-12-04T18:00:00.000Z';

const message = (overrides: Record<string, unknown> = {}) => ({
  id: '0190a6f4-0000-7000-8000-000000000100',
  roomId: ROOM_ID,
  seq: 3,
  senderId: ALICE,
  clientId: '0190a6f4-0000-7000-8000-000000000200',
  body: 'hello',
  attachments: [],
  reactions: {},
  createdAt: AT,
  editedAt: null,
  deletedAt: null,
  updatedAt: AT,
  ...overrides,
});

const room = (overrides: Record<string, unknown> = {}) => ({
  id: ROOM_ID,
  kind: 'group',
  name: 'g',
  topic: null,
  memberIds: [ALICE, BOB],
  lastSeq: 3,
  unreadCount: 0,
  lastMessage: null,
  createdAt: AT,
  ...overrides,
});

describe('server answers with the v1.1 thread, pin and notify fields', () => {
  it('keep a thread summary and a pin on a pushed message (not stripped)', () => {
    const root = message({ threadRootId: null, thread: { replyCount: 2, lastReplyAt: AT, participantIds: [ALICE, BOB] }, pinnedAt: AT, pinnedBy: BOB });
    expect(checkPush('message:updated', root)).toEqual({ ok: true, value: root });
    const reply = message({ threadRootId: '0190a6f4-0000-7000-8000-000000000099', thread: null, pinnedAt: null, pinnedBy: null });
    expect(checkPush('message:new', reply)).toEqual({ ok: true, value: reply });
  });

  it('still accept v1 messages and rooms without the new fields', () => {
    expect(checkPush('message:new', message()).ok).toBe(true);
    expect(checkPush('room:updated', room()).ok).toBe(true);
  });

  it('accept the acks of messages:pin, messages:pinned and rooms:notify', () => {
    const pinned = message({ pinnedAt: AT, pinnedBy: ALICE });
    expect(checkAck('messages:pin', { ok: true, message: pinned })).toEqual({ ok: true, value: { ok: true, message: pinned } });
    expect(checkAck('messages:pinned', { ok: true, messages: [pinned] })).toEqual({ ok: true, value: { ok: true, messages: [pinned] } });
    expect(checkAck('rooms:notify', { ok: true, room: room({ notify: 'mentions' }) })).toEqual({
      ok: true,
      value: { ok: true, room: room({ notify: 'mentions' }) },
    });
  });

  it('refuse malformed new fields, naming the field only', () => {
    const bad = checkAck('rooms:notify', { ok: true, room: room({ notify: 'loud' }) });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem).toMatch(/^room\.notify/);
    const noCount = checkPush('message:updated', message({ thread: { replyCount: 0, lastReplyAt: AT, participantIds: [] } }));
    expect(!noCount.ok && noCount.problem).toMatch(/^thread\.replyCount/);
    expect(checkPush('message:updated', message({ pinnedBy: 'someone' })).ok).toBe(false);
  });
});

describe('server answers with the rooms-and-people fields', () => {
  const user = (overrides: Record<string, unknown> = {}) => ({
    id: ALICE,
    username: 'alice',
    displayName: 'Alice',
    status: 'online',
    lastSeenAt: null,
    ...overrides,
  });

  it('accept user:updated with an avatar URL or none, and users without the field', () => {
    const withAvatar = user({ avatarUrl: `/api/users/${ALICE}/avatar?v=3` });
    expect(checkPush('user:updated', withAvatar)).toEqual({ ok: true, value: withAvatar });
    expect(checkPush('user:updated', user({ avatarUrl: null })).ok).toBe(true);
    expect(checkPush('user:updated', user()).ok).toBe(true);
  });

  it('keep adminIds on rooms, and accept the acks of rooms:remove, rooms:role and users:update', () => {
    const administered = room({ adminIds: [ALICE] });
    expect(checkPush('room:updated', administered)).toEqual({ ok: true, value: administered });
    expect(checkAck('rooms:remove', { ok: true, room: administered }).ok).toBe(true);
    expect(checkAck('rooms:role', { ok: true, room: room({ adminIds: [ALICE, BOB] }) }).ok).toBe(true);
    expect(checkAck('users:update', { ok: true, user: user({ displayName: 'Alice L.' }) })).toEqual({
      ok: true,
      value: { ok: true, user: user({ displayName: 'Alice L.' }) },
    });
  });

  it('refuse malformed people fields, naming the field only', () => {
    const badAdmins = checkPush('room:updated', room({ adminIds: ['alice'] }));
    expect(!badAdmins.ok && badAdmins.problem).toMatch(/^adminIds\.0/);
    const badAvatar = checkPush('user:updated', user({ avatarUrl: 42 }));
    expect(!badAvatar.ok && badAvatar.problem).toMatch(/^avatarUrl/);
    expect(checkPush('user:updated', { id: ALICE }).ok).toBe(false);
  });
});

describe('server answers with link previews', () => {
  const preview = (overrides: Record<string, unknown> = {}) => ({
    url: 'https://example.com/post',
    title: 'A post',
    description: null,
    siteName: 'Example',
    imageUrl: '/api/previews/0190a6f4-0000-7000-8000-000000000300/image',
    ...overrides,
  });

  it('keep previews on pushed messages and on the ack of messages:preview:remove (not stripped)', () => {
    const withPreviews = message({ previews: [preview(), preview({ url: 'https://other.example/', title: null, siteName: null, imageUrl: null })] });
    expect(checkPush('message:updated', withPreviews)).toEqual({ ok: true, value: withPreviews });
    expect(checkPush('message:new', message({ previews: [] })).ok).toBe(true);
    expect(checkAck('messages:preview:remove', { ok: true, message: message({ previews: [] }) })).toEqual({
      ok: true,
      value: { ok: true, message: message({ previews: [] }) },
    });
  });

  it('refuse malformed previews, naming the field only', () => {
    const noUrl = checkPush('message:updated', message({ previews: [preview({ url: undefined })] }));
    expect(!noUrl.ok && noUrl.problem).toMatch(/^previews\.0\.url/);
    expect(checkPush('message:updated', message({ previews: 'none' })).ok).toBe(false);
  });
});
