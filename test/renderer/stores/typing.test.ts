import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatchEvents } from '../../../renderer/src/bridge/dispatch';
import { selectTypists, useTypingStore } from '../../../renderer/src/stores/typing';
import { makeMessage, makeUser, uuid } from '../support/factories';
import { signIn } from '../support/stores';

const typists = (roomId: string) => selectTypists(roomId)(useTypingStore.getState());

describe('typing indicators', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('expire 6 s after the last refresh', () => {
    const room = uuid();
    const alice = uuid();
    dispatchEvents([{ type: 'typing', payload: { roomId: room, userId: alice, typing: true } }]);
    expect(typists(room)).toEqual([alice]);
    vi.advanceTimersByTime(4_000);
    dispatchEvents([{ type: 'typing', payload: { roomId: room, userId: alice, typing: true } }]);
    vi.advanceTimersByTime(4_000);
    expect(typists(room)).toEqual([alice]);
    vi.advanceTimersByTime(2_100);
    expect(typists(room)).toEqual([]);
  });

  it('end at once on typing:false or when the typist\u2019s message arrives', () => {
    const room = uuid();
    const [alice, bob] = [uuid(), uuid()];
    dispatchEvents([
      { type: 'typing', payload: { roomId: room, userId: alice, typing: true } },
      { type: 'typing', payload: { roomId: room, userId: bob, typing: true } },
    ]);
    dispatchEvents([{ type: 'typing', payload: { roomId: room, userId: alice, typing: false } }]);
    expect(typists(room)).toEqual([bob]);
    dispatchEvents([{ type: 'message:new', payload: makeMessage(room, 1, { senderId: bob }) }]);
    expect(typists(room)).toEqual([]);
  });

  it('never show my own typing (from my other devices)', () => {
    const me = makeUser();
    signIn(me);
    const room = uuid();
    dispatchEvents([{ type: 'typing', payload: { roomId: room, userId: me.id, typing: true } }]);
    expect(typists(room)).toEqual([]);
  });
});
