import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionGate } from '../../../server/auth/session-gate';
import type { Logger } from '../../../server/logger';
import { SessionEndings } from '../../../server/realtime/session-endings';
import type { DroplinkServer, DroplinkSocket } from '../../../server/realtime/types';

const DAY_MS = 86_400_000;

function fakeSocket(expiresAtMs: number) {
  const sent: unknown[] = [];
  const socket = {
    data: { userId: 'u', tokenId: 't', generation: 0, expiresAt: Math.floor(expiresAtMs / 1000), initialRoomIds: [] },
    emit: (event: string, payload: unknown) => void sent.push([event, payload]),
    disconnect: vi.fn(),
  };
  return { socket: socket as unknown as DroplinkSocket, sent, disconnect: socket.disconnect };
}

const endings = () => new SessionEndings({ on: () => undefined } as unknown as DroplinkServer, {} as SessionGate, {} as Logger, false);

describe('SessionEndings.expireAt', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('ends the socket with "expired" when its token expires, even past the longest timer delay (30 days)', () => {
    const { socket, sent, disconnect } = fakeSocket(Date.now() + 30 * DAY_MS);
    endings().expireAt(socket);
    vi.advanceTimersByTime(30 * DAY_MS - 1000);
    expect(disconnect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([['session:revoked', { reason: 'expired' }]]);
    expect(disconnect).toHaveBeenCalledWith(true);
  });

  it('ends a socket whose token has already expired at once, and a cancelled one never', () => {
    const late = fakeSocket(Date.now() - 1000);
    endings().expireAt(late.socket);
    expect(late.disconnect).toHaveBeenCalledTimes(1);
    const cancelled = fakeSocket(Date.now() + 5000);
    endings().expireAt(cancelled.socket)();
    vi.advanceTimersByTime(10_000);
    expect(cancelled.disconnect).not.toHaveBeenCalled();
  });
});
