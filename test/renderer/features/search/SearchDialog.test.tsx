import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { SearchDialog } from '../../../../renderer/src/features/search/SearchDialog';
import type { Message } from '../../../../renderer/src/shared/contract';
import { installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeMessage, makeUser, uuid } from '../../support/factories';
import { resetStores, signIn } from '../../support/stores';

let bridge: FakeBridge;

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
  signIn(makeUser());
});

const input = () => screen.getByRole('searchbox', { name: 'Search messages' });
const hint = 'Find messages by any word in them.';

describe('SearchDialog', () => {
  it('shows what the server found, and the hint again once the query is cleared', async () => {
    const room = uuid();
    bridge.handle('messages:search', ({ query }) => ({ messages: [makeMessage(room, 1, { body: `${query} world` })] }));
    render(<SearchDialog onClose={() => undefined} />);
    expect(screen.getByText(hint)).toBeInTheDocument();

    await userEvent.type(input(), 'hello');
    expect(await screen.findByRole('list', { name: 'Search results' })).toBeInTheDocument();
    expect(bridge.callsOf('messages:search')).toEqual([{ query: 'hello', limit: 30 }]);

    await userEvent.clear(input());
    expect(screen.getByText(hint)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Search results' })).not.toBeInTheDocument();
  });

  it('does not show the results of a cleared query while a new one is on its way', async () => {
    const room = uuid();
    let answerSecond: (messages: Message[]) => void = () => undefined;
    bridge.handle('messages:search', ({ query }) =>
      query === 'first'
        ? { messages: [makeMessage(room, 1, { body: 'first hit' })] }
        : new Promise((resolve) => (answerSecond = (messages) => resolve({ messages }))),
    );
    render(<SearchDialog onClose={() => undefined} />);

    await userEvent.type(input(), 'first');
    expect(await screen.findByRole('list', { name: 'Search results' })).toBeInTheDocument();
    await userEvent.clear(input());
    await userEvent.type(input(), 'second');
    await expect.poll(() => bridge.callsOf('messages:search').length).toBe(2);
    expect(screen.queryByRole('list', { name: 'Search results' })).not.toBeInTheDocument();
    expect(screen.getByText(hint)).toBeInTheDocument();

    answerSecond([]);
    expect(await screen.findByText('No messages match “second”.')).toBeInTheDocument();
  });
});
