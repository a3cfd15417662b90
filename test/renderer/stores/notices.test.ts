import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INFO_NOTICE_MS, MAX_NOTICES, useNoticesStore } from '../../../renderer/src/stores/notices';

const notices = () => useNoticesStore.getState().notices;
const { show, dismiss, hold, release } = useNoticesStore.getState();

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  for (const notice of notices()) dismiss(notice.id);
  vi.useRealTimers();
});

describe('notices store', () => {
  it('counts an identical consecutive notice instead of stacking it', () => {
    const first = show({ tone: 'error', title: 'Could not leave #general', detail: 'Not connected.' });
    const again = show({ tone: 'error', title: 'Could not leave #general', detail: 'Not connected.' });
    expect(again).toBe(first);
    expect(notices()).toEqual([expect.objectContaining({ id: first, count: 2 })]);
  });

  it('stacks notices that differ in any part, or repeat one that is not the newest', () => {
    show({ tone: 'error', title: 'Could not leave #general', detail: 'Not connected.' });
    show({ tone: 'error', title: 'Could not leave #general', detail: 'Timed out.' });
    show({ tone: 'info', title: 'Could not leave #general', detail: 'Timed out.' });
    show({ tone: 'error', title: 'Could not leave #general', detail: 'Not connected.' });
    expect(notices().map((n) => [n.tone, n.detail, n.count])).toEqual([
      ['error', 'Not connected.', 1],
      ['error', 'Timed out.', 1],
      ['info', 'Timed out.', 1],
      ['error', 'Not connected.', 1],
    ]);
  });

  it('dismisses an info notice after INFO_NOTICE_MS, and a repeat restarts the wait', () => {
    show({ tone: 'info', title: 'Saved' });
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1_000);
    show({ tone: 'info', title: 'Saved' });
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1);
    expect(notices()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(notices()).toEqual([]);
  });

  it('keeps an error until it is dismissed', () => {
    const id = show({ tone: 'error', title: 'Could not sign out' });
    vi.advanceTimersByTime(INFO_NOTICE_MS * 20);
    expect(notices()).toHaveLength(1);
    dismiss(id);
    expect(notices()).toEqual([]);
  });

  it('does not take away an info notice while it is held, and gives it the full time after release', () => {
    const id = show({ tone: 'info', title: 'Saved' });
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1);
    hold(id);
    vi.advanceTimersByTime(INFO_NOTICE_MS * 3);
    show({ tone: 'info', title: 'Saved' });
    vi.advanceTimersByTime(INFO_NOTICE_MS * 3);
    expect(notices()).toHaveLength(1);
    release(id);
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1);
    expect(notices()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(notices()).toEqual([]);
  });

  it(`keeps at most ${MAX_NOTICES}, letting the oldest go`, () => {
    for (let i = 1; i <= MAX_NOTICES + 2; i++) show({ tone: 'error', title: `failure ${i}` });
    expect(notices().map((n) => n.title)).toEqual(Array.from({ length: MAX_NOTICES }, (_, i) => `failure ${i + 3}`));
  });

  it('a dismissed info notice does not come back when its timer would have fired', () => {
    const id = show({ tone: 'info', title: 'Saved' });
    dismiss(id);
    show({ tone: 'error', title: 'Could not sign out' });
    vi.advanceTimersByTime(INFO_NOTICE_MS);
    expect(notices().map((n) => n.title)).toEqual(['Could not sign out']);
  });
});
