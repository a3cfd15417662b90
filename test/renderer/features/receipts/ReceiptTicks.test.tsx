import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ReceiptTicks } from '../../../../renderer/src/features/receipts/ReceiptTicks';
import { useUsersStore } from '../../../../renderer/src/stores/users';
import { makeUser, uuid } from '../../support/factories';

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
