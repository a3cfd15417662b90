import { describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../../renderer/src/bridge/dispatch';
import { countUnsent, selectRoomOutbox, useOutboxStore } from '../../../renderer/src/stores/outbox';
import { makeOutboxItem, uuid } from '../support/factories';

describe('outbox store', () => {
  it('takes main\u2019s list as the truth on every outbox event', () => {
    const room = uuid();
    useOutboxStore.getState().upsert(makeOutboxItem(room, { body: 'optimistic' }));
    const fromMain = [
      makeOutboxItem(room, { status: 'sending' }),
      makeOutboxItem(room, { status: 'failed', error: { code: 'rate_limited', message: 'Slow down' } }),
    ];
    dispatchEvents([{ type: 'outbox', payload: { items: fromMain } }]);
    expect(useOutboxStore.getState().items).toEqual(fromMain);
    expect(countUnsent(fromMain)).toBe(1);
  });

  it('upsert replaces an item with the same clientId', () => {
    const item = makeOutboxItem(uuid());
    useOutboxStore.getState().upsert(item);
    useOutboxStore.getState().upsert({ ...item, status: 'failed' });
    expect(useOutboxStore.getState().items).toHaveLength(1);
    expect(useOutboxStore.getState().items[0]!.status).toBe('failed');
  });

  it('groups by room with stable arrays, so one room\u2019s outbox does not re-render another', () => {
    const a = uuid();
    const b = uuid();
    useOutboxStore.getState().setItems([makeOutboxItem(a), makeOutboxItem(b), makeOutboxItem(a)]);
    const state = useOutboxStore.getState();
    expect(selectRoomOutbox(a)(state)).toHaveLength(2);
    expect(selectRoomOutbox(a)(state)).toBe(selectRoomOutbox(a)(state));
    expect(selectRoomOutbox(uuid())(state)).toBe(selectRoomOutbox(uuid())(state));
  });
});
