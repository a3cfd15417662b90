import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../common/ipc/settings';
import { loadEmojiData } from '../../../../renderer/src/features/emoji/emoji-data';
import { MessageActions } from '../../../../renderer/src/features/messages/MessageActions';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import type { User } from '../../../../renderer/src/shared/contract';
import { installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeMessage, makeUser, uuid } from '../../support/factories';
import { signIn } from '../../support/stores';

let bridge: FakeBridge;
let me: User;

beforeAll(async () => {
  await loadEmojiData();
});

beforeEach(() => {
  bridge = installFakeBridge();
  me = makeUser();
  signIn(me);
  useSettingsStore.setState({ settings: { ...DEFAULT_SETTINGS } });
});

describe('message actions: the reaction picker', () => {
  it('adds a picked emoji, and keeps one I already reacted with instead of removing it', async () => {
    const message = makeMessage(uuid(), 1, { reactions: { '👍': [me.id] } });
    bridge.handle('messages:react', (args) => ({ message: { ...message, reactions: { ...message.reactions, [args.emoji]: [me.id] } } }));
    render(<MessageActions message={message} own={false} />);

    const pick = async (query: string, name: string) => {
      await userEvent.click(screen.getByRole('button', { name: 'More reactions' }));
      const picker = await screen.findByRole('dialog', { name: 'Choose a reaction' });
      await userEvent.type(within(picker).getByRole('searchbox'), query);
      await userEvent.click(within(picker).getByRole('button', { name }));
      expect(screen.queryByRole('dialog')).toBeNull();
    };
    await pick('thumbs up', 'thumbs up');
    expect(bridge.callsOf('messages:react')).toEqual([]);
    await pick('rocket', 'rocket');
    expect(bridge.callsOf('messages:react')).toEqual([{ messageId: message.id, emoji: '🚀', add: true }]);
  });
});
