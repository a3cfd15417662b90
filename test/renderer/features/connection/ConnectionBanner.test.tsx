import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../../renderer/src/shared/contract';
import { ConnectionBanner } from '../../../../renderer/src/features/connection/ConnectionBanner';
import { useSessionStore } from '../../../../renderer/src/stores/session';

const connect = (connection: ConnectionState) => act(() => useSessionStore.getState().setConnection(connection));

describe('ConnectionBanner', () => {
  it('says "Connecting…" for a first connection and "Reconnecting…" after a failure (an outage, or no answer after waking up)', () => {
    render(<ConnectionBanner />);
    connect({ status: 'connecting', retryAt: null, reason: null });
    expect(screen.getByRole('status')).toHaveTextContent(/^Connecting…$/);
    connect({ status: 'online', retryAt: null, reason: null });
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    connect({ status: 'connecting', retryAt: null, reason: 'The server did not answer after the system woke up.' });
    expect(screen.getByRole('status')).toHaveTextContent(/^Reconnecting…$/);
  });
});
