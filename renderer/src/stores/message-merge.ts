import type { Message } from '../shared/contract';

/** Index of the message with this seq in an ascending list, or -1. */
export function indexOfSeq(messages: readonly Message[], seq: number): number {
  let lo = 0;
  let hi = messages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const midSeq = messages[mid]!.seq;
    if (midSeq === seq) return mid;
    if (midSeq < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function sortedUnique(messages: readonly Message[]): readonly Message[] {
  let ordered = true;
  for (let i = 1; i < messages.length && ordered; i++) ordered = messages[i - 1]!.seq < messages[i]!.seq;
  if (ordered) return messages;
  const bySeq = new Map<number, Message>();
  for (const m of messages) if (!bySeq.has(m.seq)) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Merges messages (a history page, live or synced ones) into an ascending, duplicate-free
 * list. A seq we already hold keeps our copy: it may carry edits or reactions that the page,
 * fetched earlier, does not. Returns `existing` itself when nothing was added.
 */
export function mergeBySeq(existing: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  if (incoming.length === 0) return existing;
  const sorted = sortedUnique(incoming);
  if (existing.length === 0) return sorted;
  const first = existing[0]!.seq;
  const last = existing[existing.length - 1]!.seq;
  // The common cases, live messages and older pages, are a plain concatenation.
  if (sorted[0]!.seq > last) return existing.concat(sorted);
  if (sorted[sorted.length - 1]!.seq < first) return sorted.concat(existing);

  const merged: Message[] = [];
  let i = 0;
  let j = 0;
  while (i < existing.length || j < sorted.length) {
    const a = existing[i];
    const b = sorted[j];
    if (a && (!b || a.seq <= b.seq)) {
      merged.push(a);
      i++;
      if (b && a.seq === b.seq) j++;
    } else {
      merged.push(b!);
      j++;
    }
  }
  return merged.length === existing.length ? existing : merged;
}

/** Replaces the messages we hold by their updated versions (edit, delete, reaction). */
export function applyUpdates(existing: readonly Message[], updates: readonly Message[]): readonly Message[] {
  let result: Message[] | null = null;
  for (const update of updates) {
    const index = indexOfSeq(existing, update.seq);
    if (index === -1 || existing[index]!.id !== update.id) continue;
    result ??= existing.slice();
    result[index] = update;
  }
  return result ?? existing;
}
