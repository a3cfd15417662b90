import { describe, expect, it } from 'vitest';
import { IPC_EVENTS_CHANNEL, type DesktopEvent } from '../../common/ipc';
import { createBridge } from '../../preload/bridge';

describe('preload bridge', () => {
  it('invokes the channel of the contract and relays the envelope as is', async () => {
    const calls: Array<[string, unknown]> = [];
    const bridge = createBridge({
      invoke: async (channel, args) => (calls.push([channel, args]), { ok: true, value: { status: 'signedOut', serverUrl: '', reason: null } }),
      subscribe: () => () => undefined,
    });
    expect(await bridge.invoke('session:get', {})).toEqual({ ok: true, value: { status: 'signedOut', serverUrl: '', reason: null } });
    expect(calls).toEqual([['droplink:invoke:session:get', {}]]);
  });

  it('answers an unknown call without a round trip', async () => {
    const bridge = createBridge({ invoke: async () => expect.unreachable(), subscribe: () => () => undefined });
    expect(await bridge.invoke('nope' as never, {} as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('delivers event batches and unsubscribes', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const bridge = createBridge({
      invoke: async () => undefined,
      subscribe: (channel, listener) => {
        listeners.set(channel, listener);
        return () => listeners.delete(channel);
      },
    });
    const got: DesktopEvent[][] = [];
    const off = bridge.onEvents((batch) => got.push(batch));
    const batch: DesktopEvent[] = [{ type: 'navigate', payload: { roomId: 'r' } }];
    listeners.get(IPC_EVENTS_CHANNEL)!(batch);
    listeners.get(IPC_EVENTS_CHANNEL)!('not a batch');
    expect(got).toEqual([batch]);
    off();
    expect(listeners.size).toBe(0);
  });
});
