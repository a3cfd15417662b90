import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PendingRow } from '../../../renderer/src/features/messages/PendingRow';
import { deliveryStatus, pendingStatus } from '../../../renderer/src/features/receipts/receipt-status';
import { ReceiptTicks } from '../../../renderer/src/features/receipts/ReceiptTicks';
import { useUsersStore } from '../../../renderer/src/stores/users';
import { installFakeBridge } from '../support/fake-bridge';
import { makeMessage, makeOutboxItem, makeUser, uuid } from '../support/factories';

const ROOM = uuid();
const receipt = (userId: string, deliveredSeq: number, readSeq: number) => ({ roomId: ROOM, userId, deliveredSeq, readSeq });

describe('delivery status of my messages', () => {
  const me = uuid();
  const [bob, carol] = [uuid(), uuid()];
  const message = makeMessage(ROOM, 5, { senderId: me });

  it('goes sent → delivered → read in a DM', () => {
    const members = [me, bob];
    expect(deliveryStatus(message, members, {}, me).state).toBe('sent');
    expect(deliveryStatus(message, members, { [bob]: receipt(bob, 5, 0) }, me).state).toBe('delivered');
    expect(deliveryStatus(message, members, { [bob]: receipt(bob, 5, 7) }, me)).toEqual({ state: 'read', readBy: [bob] });
  });

  it('in a group is read once everyone read it, and lists who did', () => {
    const members = [me, bob, carol];
    const partly = deliveryStatus(message, members, { [bob]: receipt(bob, 9, 9), [carol]: receipt(carol, 5, 4) }, me);
    expect(partly).toEqual({ state: 'delivered', readBy: [bob] });
    const all = deliveryStatus(message, members, { [bob]: receipt(bob, 9, 9), [carol]: receipt(carol, 5, 5) }, me);
    expect(all.state).toBe('read');
  });

  it('is pending or failed while in the outbox', () => {
    expect(pendingStatus(makeOutboxItem(ROOM, { status: 'sending' })).state).toBe('pending');
    expect(pendingStatus(makeOutboxItem(ROOM, { status: 'failed' })).state).toBe('failed');
  });
});

describe('receipt ticks', () => {
  it('say "Read by N" with the names on hover', () => {
    const bob = makeUser({ displayName: 'Bob' });
    const carol = makeUser({ displayName: 'Carol' });
    useUsersStore.getState().upsertUsers([bob, carol]);
    render(<ReceiptTicks status={{ state: 'delivered', readBy: [bob.id, carol.id] }} showReadBy />);
    const ticks = screen.getByText('Read by 2').parentElement!;
    expect(ticks).toHaveAttribute('title', 'Read by Bob and Carol');
    expect(ticks).toHaveAttribute('data-state', 'delivered');
  });

  it('name the state for screen readers when no count is shown', () => {
    render(<ReceiptTicks status={{ state: 'read', readBy: [uuid()] }} showReadBy={false} />);
    expect(screen.getByText('Read')).toHaveClass('visually-hidden');
  });
});

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
