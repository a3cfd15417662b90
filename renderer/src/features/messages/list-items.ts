import type { Message, OutboxItem } from '../../shared/contract';
import { dayKey, formatDay } from '../../lib/format';

export type ListItem = { kind: 'message'; key: string; message: Message } | { kind: 'pending'; key: string; item: OutboxItem };

/** Consecutive messages of one sender closer than this share one header. */
const GROUP_WINDOW_MS = 5 * 60 * 1000;

/** The rows of the list: the loaded messages, then what is still in the outbox (unless the server already has it). */
export function buildListItems(messages: readonly Message[], pending: readonly OutboxItem[], atLiveEnd: boolean): ListItem[] {
  const items: ListItem[] = messages.map((message) => ({ kind: 'message', key: message.id, message }));
  if (!atLiveEnd || pending.length === 0) return items;
  // Only the newest messages can be the stored copies of outbox items.
  const recentClientIds = new Set(messages.slice(-pending.length - 50).map((m) => m.clientId));
  for (const item of pending) {
    if (!recentClientIds.has(item.clientId)) items.push({ kind: 'pending', key: item.clientId, item });
  }
  return items;
}

interface Entry {
  senderId: string;
  createdAt: string;
  seq: number | null;
  deleted: boolean;
}

const entryOf = (item: ListItem, myId: string | null): Entry =>
  item.kind === 'message'
    ? { senderId: item.message.senderId, createdAt: item.message.createdAt, seq: item.message.seq, deleted: item.message.deletedAt !== null }
    : { senderId: myId ?? '', createdAt: item.item.createdAt, seq: null, deleted: false };

export interface RowLayout {
  /** "Today", "Yesterday", …: shown above the first message of each day. */
  daySeparator: string | null;
  /** Starts a group: shows avatar, name and time. */
  groupStart: boolean;
  /** The "new messages" line goes above this row. */
  unreadLine: boolean;
}

/**
 * How a row is drawn, from the row before it. `unreadAfterSeq` is the read position when the
 * room was opened (null: nothing was unread).
 */
export function rowLayout(previous: ListItem | undefined, current: ListItem, unreadAfterSeq: number | null, myId: string | null, now = new Date()): RowLayout {
  const cur = entryOf(current, myId);
  const prev = previous ? entryOf(previous, myId) : null;
  const newDay = !prev || dayKey(prev.createdAt) !== dayKey(cur.createdAt);
  const unreadLine =
    unreadAfterSeq !== null && cur.seq !== null && cur.seq > unreadAfterSeq && (prev === null || prev.seq === null || prev.seq <= unreadAfterSeq);
  const closeInTime = prev !== null && Date.parse(cur.createdAt) - Date.parse(prev.createdAt) < GROUP_WINDOW_MS;
  const groupStart = newDay || unreadLine || !closeInTime || prev.senderId !== cur.senderId || prev.deleted || cur.deleted;
  return { daySeparator: newDay ? formatDay(cur.createdAt, now) : null, groupStart, unreadLine };
}

/** memo() comparison for rows: the layout is rebuilt on every list render, so compare it by value. */
export function sameRowProps<P extends { layout: RowLayout }>(a: P, b: P): boolean {
  for (const key of Object.keys(a) as (keyof P)[]) {
    if (key === 'layout') {
      const x = a.layout;
      const y = b.layout;
      if (x.daySeparator !== y.daySeparator || x.groupStart !== y.groupStart || x.unreadLine !== y.unreadLine) return false;
    } else if (!Object.is(a[key], b[key])) return false;
  }
  return true;
}
