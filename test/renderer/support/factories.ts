import type { Message, OutboxItem, Room, User } from '../../../renderer/src/shared/contract';

let counter = 0;
/** A valid-looking UUID, unique per call. */
export function uuid(): string {
  counter += 1;
  return `00000000-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export function makeUser(overrides: Partial<User> = {}): User {
  const id = overrides.id ?? uuid();
  const username = overrides.username ?? `user${counter}`;
  return { id, username, displayName: username[0]!.toUpperCase() + username.slice(1), status: 'online', lastSeenAt: null, ...overrides };
}

export function makeRoom(overrides: Partial<Room> = {}): Room {
  return {
    id: uuid(),
    kind: 'channel',
    name: 'general',
    topic: null,
    memberIds: [],
    lastSeq: 0,
    unreadCount: 0,
    lastMessage: null,
    createdAt: '2025-01-01T09:00:00.000Z',
    readSeq: 0,
    ...overrides,
  };
}

export function makeMessage(roomId: string, seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: uuid(),
    roomId,
    seq,
    senderId: uuid(),
    clientId: uuid(),
    body: `message ${seq}`,
    attachments: [],
    reactions: {},
    createdAt: new Date(Date.UTC(2025, 0, 1, 9, 0, seq)).toISOString(),
    editedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

/** Messages seq `from`..`to` of one sender. */
export function makeMessages(roomId: string, from: number, to: number, overrides: Partial<Message> = {}): Message[] {
  const out: Message[] = [];
  for (let seq = from; seq <= to; seq++) out.push(makeMessage(roomId, seq, overrides));
  return out;
}

export function makeOutboxItem(roomId: string, overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    clientId: uuid(),
    roomId,
    body: 'pending message',
    attachmentIds: [],
    createdAt: new Date().toISOString(),
    status: 'queued',
    attempts: 0,
    error: null,
    ...overrides,
  };
}
