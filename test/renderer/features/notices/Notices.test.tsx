import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Notices } from '../../../../renderer/src/features/notices/Notices';
import { useNoticesStore } from '../../../../renderer/src/stores/notices';

const show = (...args: Parameters<ReturnType<typeof useNoticesStore.getState>['show']>) => act(() => void useNoticesStore.getState().show(...args));

describe('Notices', () => {
  it('announces an error as an alert and an info notice as a status, without the button in the announcement', () => {
    render(<Notices />);
    show({ tone: 'error', title: 'Could not leave #general', detail: 'Not connected to the server; try again when online.' });
    show({ tone: 'info', title: 'Link copied' });

    const region = screen.getByRole('region', { name: 'Notifications' });
    expect(within(region).getByRole('alert')).toHaveTextContent('Could not leave #generalNot connected to the server; try again when online.');
    expect(within(region).getByRole('status')).toHaveTextContent(/^Link copied$/);
  });

  it('says how often the same failure happened in a row', () => {
    render(<Notices />);
    show({ tone: 'error', title: 'Could not sign out' });
    show({ tone: 'error', title: 'Could not sign out' });
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByRole('alert')).toHaveTextContent('Could not sign out×2 (2 times)');
  });

  it('is dismissed with its button, reached by keyboard', async () => {
    render(<Notices />);
    show({ tone: 'error', title: 'Could not sign out' });
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Dismiss notification' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();
  });

  it('is dismissed with Escape while focus is in it, leaving the others', async () => {
    render(<Notices />);
    show({ tone: 'error', title: 'Could not sign out' });
    show({ tone: 'error', title: 'Could not leave #general' });
    await userEvent.tab();
    await userEvent.keyboard('{Escape}');
    expect(screen.getAllByRole('alert').map((n) => n.textContent)).toEqual(['Could not leave #general']);
  });
});
