import { describe, expect, it } from 'vitest';
import {
  HIDDEN_PREVIEW_TITLE,
  mentionOf,
  mentions,
  notificationContent,
  notificationDecision,
  type NotificationContext,
} from '../../../main/services/notification-rules';

const ME = { id: '00000000-0000-7000-8000-000000000001', username: 'alice' };
const OTHER = '00000000-0000-7000-8000-000000000002';
const ROOM = '00000000-0000-7000-8000-0000000000aa';
const ROOT = '00000000-0000-7000-8000-0000000000bb';

const context = (over: Partial<NotificationContext> = {}, message: Partial<NotificationContext['message']> = {}): NotificationContext => ({
  message: { roomId: ROOM, senderId: OTHER, body: 'hello', deletedAt: null, ...message },
  room: { id: ROOM, kind: 'channel', name: 'general' },
  me: ME,
  status: 'online',
  windowFocused: true,
  focusedRoomId: null,
  notificationsEnabled: true,
  ...over,
});

describe('notificationDecision', () => {
  it('notifies for a message in a room the user is not looking at', () => {
    expect(notificationDecision(context())).toEqual({ notify: true, reason: 'message' });
    expect(notificationDecision(context({ focusedRoomId: 'another' }))).toMatchObject({ notify: true });
  });

  it("never notifies for the user's own messages", () => {
    expect(notificationDecision(context({}, { senderId: ME.id }))).toEqual({ notify: false, reason: 'own' });
  });

  it('does not notify for the room on screen, but does when the window is not focused', () => {
    expect(notificationDecision(context({ focusedRoomId: ROOM }))).toEqual({ notify: false, reason: 'visible' });
    expect(notificationDecision(context({ focusedRoomId: ROOM, windowFocused: false }))).toMatchObject({ notify: true });
  });

  it("rooms set to 'nothing' stay quiet, mentions and DMs included", () => {
    const none = { room: { id: ROOM, kind: 'channel' as const, name: 'general', notify: 'none' as const } };
    expect(notificationDecision(context(none))).toEqual({ notify: false, reason: 'muted' });
    expect(notificationDecision(context(none, { body: 'ping @alice' }))).toEqual({ notify: false, reason: 'muted' });
    expect(notificationDecision(context(none, { body: '@channel' }))).toEqual({ notify: false, reason: 'muted' });
    expect(notificationDecision(context({ room: { id: ROOM, kind: 'dm', name: null, notify: 'none' } }))).toEqual({ notify: false, reason: 'muted' });
  });

  it("rooms set to 'mentions' notify for @alice, @channel, @here and DMs only", () => {
    const level = { room: { id: ROOM, kind: 'channel' as const, name: 'general', notify: 'mentions' as const } };
    expect(notificationDecision(context(level))).toEqual({ notify: false, reason: 'mentions-only' });
    expect(notificationDecision(context(level, { body: 'ping @alice' }))).toEqual({ notify: true, reason: 'mention' });
    expect(notificationDecision(context(level, { body: 'ping @bob' }))).toEqual({ notify: false, reason: 'mentions-only' });
    expect(notificationDecision(context(level, { body: '@channel standup' }))).toEqual({ notify: true, reason: 'mention' });
    expect(notificationDecision(context(level, { body: '@here standup' }))).toEqual({ notify: true, reason: 'mention' });
    expect(notificationDecision(context({ room: { id: ROOM, kind: 'dm', name: null, notify: 'mentions' } }))).toEqual({ notify: true, reason: 'dm' });
    // A reply in a thread the reader takes part in is not a mention either.
    const root = { senderId: ME.id, participantIds: [ME.id, OTHER] };
    expect(notificationDecision(context({ ...level, threadRoot: root }, { threadRootId: ROOT }))).toEqual({ notify: false, reason: 'mentions-only' });
  });

  it('@here reaches the reader only while online: away gets it as a plain message, never as a mention', () => {
    const level = { room: { id: ROOM, kind: 'channel' as const, name: 'general', notify: 'mentions' as const } };
    expect(notificationDecision(context({ ...level, status: 'online' }, { body: '@here lunch?' }))).toEqual({ notify: true, reason: 'mention' });
    expect(notificationDecision(context({ ...level, status: 'away' }, { body: '@here lunch?' }))).toEqual({ notify: false, reason: 'mentions-only' });
    expect(notificationDecision(context({ status: 'away' }, { body: '@here lunch?' }))).toEqual({ notify: true, reason: 'message' });
    expect(notificationDecision(context({ ...level, status: 'away' }, { body: '@channel lunch?' }))).toEqual({ notify: true, reason: 'mention' });
    expect(notificationDecision(context({ status: 'dnd' }, { body: '@channel' }))).toEqual({ notify: false, reason: 'dnd' });
  });

  it('a thread reply notifies the root sender and the repliers, and anyone it mentions, nobody else', () => {
    const reply = { threadRootId: ROOT };
    expect(notificationDecision(context({ threadRoot: { senderId: ME.id, participantIds: [ME.id] } }, reply))).toEqual({ notify: true, reason: 'thread' });
    expect(notificationDecision(context({ threadRoot: { senderId: OTHER, participantIds: [OTHER, ME.id] } }, reply))).toEqual({
      notify: true,
      reason: 'thread',
    });
    expect(notificationDecision(context({ threadRoot: { senderId: OTHER, participantIds: [OTHER] } }, reply))).toEqual({
      notify: false,
      reason: 'not-in-thread',
    });
    expect(notificationDecision(context({ threadRoot: null }, reply))).toEqual({ notify: false, reason: 'not-in-thread' });
    expect(notificationDecision(context({ threadRoot: null }, { ...reply, body: 'what do you think @alice?' }))).toEqual({ notify: true, reason: 'mention' });
    expect(notificationDecision(context({ threadRoot: null }, { ...reply, body: '@channel' }))).toEqual({ notify: true, reason: 'mention' });
  });

  it('a reply counts as visible only while its thread is open beside the focused room', () => {
    const mine = { threadRoot: { senderId: ME.id, participantIds: [ME.id] } };
    const reply = { threadRootId: ROOT };
    expect(notificationDecision(context({ ...mine, focusedRoomId: ROOM }, reply))).toEqual({ notify: true, reason: 'thread' });
    expect(notificationDecision(context({ ...mine, focusedRoomId: ROOM, focusedThreadRootId: ROOT }, reply))).toEqual({ notify: false, reason: 'visible' });
    expect(notificationDecision(context({ focusedRoomId: ROOM, focusedThreadRootId: ROOT }))).toEqual({ notify: false, reason: 'visible' });
  });

  it('do not disturb silences everything, mentions and DMs included', () => {
    expect(notificationDecision(context({ status: 'dnd' }, { body: '@alice' }))).toEqual({ notify: false, reason: 'dnd' });
    expect(notificationDecision(context({ status: 'dnd', room: { id: ROOM, kind: 'dm', name: null } }))).toMatchObject({ notify: false });
  });

  it('the do-not-disturb schedule silences everything too, even while the status shows online', () => {
    expect(notificationDecision(context({ status: 'online', scheduledDnd: true }, { body: '@alice' }))).toEqual({ notify: false, reason: 'dnd' });
    expect(notificationDecision(context({ scheduledDnd: true, room: { id: ROOM, kind: 'dm', name: null } }))).toEqual({ notify: false, reason: 'dnd' });
    expect(notificationDecision(context({ scheduledDnd: false }))).toMatchObject({ notify: true });
  });

  it('notifications off means none at all; away still notifies', () => {
    expect(notificationDecision(context({ notificationsEnabled: false }, { body: '@alice' }))).toEqual({ notify: false, reason: 'disabled' });
    expect(notificationDecision(context({ status: 'away' }))).toMatchObject({ notify: true });
  });

  it('ignores deleted messages', () => {
    expect(notificationDecision(context({}, { deletedAt: '2024-01-01T00:00:00.000Z' }))).toMatchObject({ notify: false });
  });
});

describe('mentions', () => {
  it.each([
    ['@alice hi', true],
    ['hi @alice', true],
    ['hi @Alice!', true],
    ['(@alice)', true],
    ['end of sentence @alice.', true],
    ['@alicex', false],
    ['@alice.smith', false],
    ['mail alice@alice.org', false],
    ['alice', false],
  ])('%s -> %s', (body, expected) => {
    expect(mentions(body, 'alice')).toBe(expected);
  });

  it('escapes regex characters in usernames', () => {
    expect(mentions('hey @a.b', 'a.b')).toBe(true);
    expect(mentions('hey @axb', 'a.b')).toBe(false);
  });
});

describe('mentionOf', () => {
  it('tells @username from @channel and @here, and @here only while online', () => {
    expect(mentionOf('hi @alice', 'alice', 'away')).toBe('user');
    expect(mentionOf('hi @channel', 'alice', 'away')).toBe('channel');
    expect(mentionOf('hi @here', 'alice', 'online')).toBe('here');
    expect(mentionOf('hi @here', 'alice', 'away')).toBeNull();
    expect(mentionOf('hi @here', 'alice', 'dnd')).toBeNull();
    expect(mentionOf('hi @channels and mail@here.org', 'alice', 'online')).toBeNull();
  });
});

describe('notificationContent', () => {
  it('names the sender and the channel and shows the text', () => {
    expect(
      notificationContent({ senderName: 'Bob', room: { kind: 'channel', name: 'general' }, body: 'hi\n  there', attachmentCount: 0, showPreview: true }),
    ).toEqual({
      title: 'Bob in #general',
      body: 'hi there',
    });
  });

  it('DMs are titled with the sender only; attachments without text say so; long text is cut', () => {
    expect(notificationContent({ senderName: 'Bob', room: { kind: 'dm', name: null }, body: '', attachmentCount: 1, showPreview: true })).toEqual({
      title: 'Bob',
      body: 'Sent an attachment',
    });
    const long = notificationContent({ senderName: 'Bob', room: undefined, body: 'x'.repeat(500), attachmentCount: 0, showPreview: true });
    expect(long.body.length).toBeLessThanOrEqual(140);
    expect(long.body.endsWith('…')).toBe(true);
  });

  it('with previews off shows nothing of the message', () => {
    expect(
      notificationContent({ senderName: 'Bob', room: { kind: 'channel', name: 'secret' }, body: 'the plan', attachmentCount: 0, showPreview: false }),
    ).toEqual({
      title: HIDDEN_PREVIEW_TITLE,
      body: '',
    });
  });
});
