import { describe, expect, it } from 'vitest';
import { applyUpdates, indexOfSeq, mergeBySeq } from '../../../renderer/src/stores/message-merge';
import { makeMessage, makeMessages } from '../support/factories';

const ROOM = '00000000-0000-7000-8000-00000000aaaa';
const seqs = (list: readonly { seq: number }[]) => list.map((m) => m.seq);

describe('mergeBySeq', () => {
  it('appends live messages after the window', () => {
    const merged = mergeBySeq(makeMessages(ROOM, 1, 3), makeMessages(ROOM, 4, 5));
    expect(seqs(merged)).toEqual([1, 2, 3, 4, 5]);
  });

  it('prepends an older history page', () => {
    const merged = mergeBySeq(makeMessages(ROOM, 51, 100), makeMessages(ROOM, 1, 50));
    expect(seqs(merged)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('drops duplicates when a page overlaps live and synced messages', () => {
    const existing = makeMessages(ROOM, 10, 20);
    const overlapping = [...makeMessages(ROOM, 15, 25), ...makeMessages(ROOM, 18, 22)];
    const merged = mergeBySeq(existing, overlapping);
    expect(seqs(merged)).toEqual(Array.from({ length: 16 }, (_, i) => i + 10));
  });

  it('keeps the copy it holds, which may carry newer edits than a page fetched earlier', () => {
    const edited = makeMessage(ROOM, 2, { body: 'edited', editedAt: '2025-01-02T00:00:00.000Z' });
    const stale = { ...edited, body: 'original', editedAt: null };
    const merged = mergeBySeq([makeMessage(ROOM, 1), edited], [stale, makeMessage(ROOM, 3)]);
    expect(merged[1]!.body).toBe('edited');
    expect(seqs(merged)).toEqual([1, 2, 3]);
  });

  it('sorts incoming messages that arrive out of order', () => {
    const [a, b, c] = makeMessages(ROOM, 1, 3);
    expect(seqs(mergeBySeq([], [c!, a!, b!, a!]))).toEqual([1, 2, 3]);
  });

  it('returns the same array when nothing new arrived, so subscribers do not re-render', () => {
    const existing = makeMessages(ROOM, 1, 5);
    expect(mergeBySeq(existing, existing.slice(1, 3))).toBe(existing);
    expect(mergeBySeq(existing, [])).toBe(existing);
  });

  it('stays fast with 100,000 messages', () => {
    const pages: ReturnType<typeof makeMessages>[] = [];
    for (let before = 99_951; before > 1; before -= 100) pages.push(makeMessages(ROOM, Math.max(1, before - 100), before - 1));
    const live = makeMessages(ROOM, 100_001, 101_000);
    const started = performance.now();
    let list = mergeBySeq([], makeMessages(ROOM, 99_951, 100_000));
    for (const page of pages) list = mergeBySeq(list, page);
    for (let i = 0; i < live.length; i += 20) list = mergeBySeq(list, live.slice(i, i + 20));
    expect(list).toHaveLength(101_000);
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});

describe('applyUpdates and indexOfSeq', () => {
  it('replaces updated messages in place and ignores ones not loaded', () => {
    const existing = makeMessages(ROOM, 1, 5);
    const updated = { ...existing[2]!, body: 'changed' };
    const unknown = makeMessage(ROOM, 99);
    const result = applyUpdates(existing, [updated, unknown]);
    expect(result[2]!.body).toBe('changed');
    expect(result[1]).toBe(existing[1]);
    expect(applyUpdates(existing, [unknown])).toBe(existing);
  });

  it('finds messages by seq with a binary search', () => {
    const list = makeMessages(ROOM, 10, 30);
    expect(indexOfSeq(list, 10)).toBe(0);
    expect(indexOfSeq(list, 30)).toBe(20);
    expect(indexOfSeq(list, 31)).toBe(-1);
  });
});
