import { describe, expect, it } from 'vitest';
import { buildListItems, rowLayout, type ListItem } from '../../../../renderer/src/features/messages/list-items';
import type { Message } from '../../../../renderer/src/shared/contract';
import { makeMessage, makeOutboxItem, uuid } from '../../support/factories';

const ROOM = uuid();
const ALICE = uuid();
const BOB = uuid();
const NOW = new Date('2025-03-05T15:00:00');

const at = (seq: number, senderId: string, local: string, extra: Partial<Message> = {}): ListItem => {
  const message = makeMessage(ROOM, seq, { senderId, createdAt: new Date(local).toISOString(), ...extra });
  return { kind: 'message', key: message.id, message };
};

describe('row layout', () => {
  it('groups consecutive messages of one sender within five minutes', () => {
    const a1 = at(1, ALICE, '2025-03-05T10:00:00');
    const a2 = at(2, ALICE, '2025-03-05T10:03:00');
    const b1 = at(3, BOB, '2025-03-05T10:04:00');
    const b2 = at(4, BOB, '2025-03-05T10:20:00');
    expect(rowLayout(a1, a2, null, null, NOW).groupStart).toBe(false);
    expect(rowLayout(a2, b1, null, null, NOW).groupStart).toBe(true);
    expect(rowLayout(b1, b2, null, null, NOW).groupStart).toBe(true);
  });

  it('puts a date separator above the first message of each day', () => {
    const first = at(1, ALICE, '2025-03-03T18:00:00');
    const yesterday = at(2, ALICE, '2025-03-04T09:00:00');
    const today = at(3, ALICE, '2025-03-05T09:00:00');
    expect(rowLayout(undefined, first, null, null, NOW).daySeparator).toMatch(/Monday, March 3/);
    expect(rowLayout(first, yesterday, null, null, NOW)).toMatchObject({ daySeparator: 'Yesterday', groupStart: true });
    expect(rowLayout(yesterday, today, null, null, NOW).daySeparator).toBe('Today');
    expect(rowLayout(today, at(4, ALICE, '2025-03-05T09:01:00'), null, null, NOW).daySeparator).toBeNull();
  });

  it('draws the "new messages" line above the first message after the read position', () => {
    const read = at(10, ALICE, '2025-03-05T10:00:00');
    const unread = at(11, BOB, '2025-03-05T10:01:00');
    const next = at(12, BOB, '2025-03-05T10:01:30');
    expect(rowLayout(read, unread, 10, null, NOW)).toMatchObject({ unreadLine: true, groupStart: true });
    expect(rowLayout(unread, next, 10, null, NOW).unreadLine).toBe(false);
    expect(rowLayout(read, unread, null, null, NOW).unreadLine).toBe(false);
  });

  it('ends a group at a deleted message', () => {
    const a1 = at(1, ALICE, '2025-03-05T10:00:00', { deletedAt: '2025-03-05T10:05:00.000Z', body: '' });
    const a2 = at(2, ALICE, '2025-03-05T10:01:00');
    expect(rowLayout(a1, a2, null, null, NOW).groupStart).toBe(true);
  });
});

describe('list items', () => {
  it('shows outbox items after the messages until their stored copy arrives', () => {
    const stored = makeMessage(ROOM, 1);
    const alreadyStored = makeOutboxItem(ROOM, { clientId: stored.clientId });
    const pending = makeOutboxItem(ROOM);
    const items = buildListItems([stored], [alreadyStored, pending], true);
    expect(items.map((i) => i.kind)).toEqual(['message', 'pending']);
    expect(items[1]!.key).toBe(pending.clientId);
  });

  it('does not show outbox items below a window detached from the live end', () => {
    expect(buildListItems([makeMessage(ROOM, 1)], [makeOutboxItem(ROOM)], false)).toHaveLength(1);
  });
});
