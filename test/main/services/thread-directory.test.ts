import { describe, expect, it } from 'vitest';
import { ThreadDirectory } from '../../../main/services/thread-directory';

const ALICE = '00000000-0000-7000-8000-000000000001';
const BOB = '00000000-0000-7000-8000-000000000002';
const CAROL = '00000000-0000-7000-8000-000000000003';
const ROOT = '00000000-0000-7000-8000-0000000000a1';
const REPLY = '00000000-0000-7000-8000-0000000000a2';

describe('ThreadDirectory', () => {
  it("knows a root's sender and its summary's participants", () => {
    const threads = new ThreadDirectory();
    expect(threads.root(ROOT)).toBeNull();
    threads.note({ id: ROOT, senderId: ALICE, threadRootId: null, thread: { replyCount: 1, lastReplyAt: null, participantIds: [ALICE, BOB] } });
    expect(threads.root(ROOT)).toEqual({ senderId: ALICE, participantIds: [ALICE, BOB] });
  });

  it('adds the sender of every reply it sees, even before the root itself', () => {
    const threads = new ThreadDirectory();
    threads.note({ id: REPLY, senderId: CAROL, threadRootId: ROOT });
    expect(threads.root(ROOT)).toEqual({ senderId: null, participantIds: [CAROL] });
    threads.noteAll([{ id: ROOT, senderId: ALICE, threadRootId: null, thread: null }]);
    expect(threads.root(ROOT)).toEqual({ senderId: ALICE, participantIds: [CAROL] });
    threads.clear();
    expect(threads.root(ROOT)).toBeNull();
  });
});
