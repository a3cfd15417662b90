import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PendingRow } from '../../../../renderer/src/features/messages/PendingRow';
import { installFakeBridge } from '../../support/fake-bridge';
import { makeOutboxItem, makeUser, uuid } from '../../support/factories';

const ROOM = uuid();

describe('a failed message', () => {
  it('offers retry and discard, which go to main\u2019s outbox', async () => {
    const bridge = installFakeBridge();
    const me = makeUser();
    const item = makeOutboxItem(ROOM, { status: 'failed', body: 'too fast', error: { code: 'rate_limited', message: 'You are sending messages too fast.' } });
    render(
      <PendingRow item={item} layout={{ daySeparator: null, groupStart: true, unreadLine: false }} myId={me.id} myUsername={me.username} tabbable={false} />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('You are sending messages too fast.');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(bridge.callsOf('outbox:retry')).toEqual([{ clientId: item.clientId }]);
    expect(bridge.callsOf('outbox:discard')).toEqual([{ clientId: item.clientId }]);
  });
});
