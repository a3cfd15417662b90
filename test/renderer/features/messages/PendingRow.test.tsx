import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { PendingRow } from '../../../../renderer/src/features/messages/PendingRow';
import { Notices } from '../../../../renderer/src/features/notices/Notices';
import type { OutboxItem } from '../../../../renderer/src/shared/contract';
import { useOutboxStore } from '../../../../renderer/src/stores/outbox';
import { FakeFailure, installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeOutboxItem, makeUser, uuid } from '../../support/factories';
import { resetStores, signIn } from '../../support/stores';

let bridge: FakeBridge;
const me = makeUser({ username: 'alice' });
const layout = { daySeparator: null, groupStart: true, unreadLine: false };

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
  signIn(me);
});

function renderFailed(): OutboxItem {
  const item = makeOutboxItem(uuid(), {
    status: 'failed',
    body: 'Lunch at noon?',
    error: { code: 'forbidden', message: 'You are not a member of this room.' },
  });
  useOutboxStore.getState().setItems([item]);
  render(
    <>
      <PendingRow item={item} layout={layout} myId={me.id} myUsername={me.username} tabbable />
      <Notices />
    </>,
  );
  return item;
}

const toasts = () => within(screen.getByRole('region', { name: 'Notifications' }));

describe('PendingRow', () => {
  it('says when a retry could not even be started, and what to do', async () => {
    bridge.handle('outbox:retry', () => {
      throw new FakeFailure('not_found', 'That message is no longer in the outbox.');
    });
    const item = renderFailed();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    const alert = await toasts().findByRole('alert');
    expect(alert).toHaveTextContent('Could not send the message again');
    expect(alert).toHaveTextContent('That message is no longer in the outbox.');
    expect(bridge.callsOf('outbox:retry')).toEqual([{ clientId: item.clientId }]);
  });

  it('says when discarding failed, and keeps the message', async () => {
    bridge.handle('outbox:discard', () => {
      throw new FakeFailure('internal', 'Something went wrong in the app.');
    });
    const item = renderFailed();
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));

    expect(await toasts().findByRole('alert')).toHaveTextContent('Could not discard the messageSomething went wrong in the app. Try again in a moment.');
    expect(useOutboxStore.getState().items.map((i) => i.clientId)).toEqual([item.clientId]);
  });

  it('shows no toast when the retry is accepted', async () => {
    renderFailed();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(bridge.callsOf('outbox:retry')).toHaveLength(1);
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();
  });
});
