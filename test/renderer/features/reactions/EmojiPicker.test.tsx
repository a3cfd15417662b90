import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadEmojiData } from '../../../../renderer/src/features/emoji/emoji-data';
import { EmojiPicker } from '../../../../renderer/src/features/reactions/EmojiPicker';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../../common/ipc/settings';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { installFakeBridge, type FakeBridge } from '../../support/fake-bridge';

let bridge: FakeBridge;
let settings: Settings;

// The data is its own chunk; loading it under a busy test run can outlast findBy's wait.
beforeAll(async () => {
  await loadEmojiData();
});

beforeEach(() => {
  settings = { ...DEFAULT_SETTINGS };
  useSettingsStore.setState({ settings });
  bridge = installFakeBridge();
  bridge.handle('settings:set', (patch: SettingsPatch) => (settings = { ...settings, ...patch } as Settings));
});

async function openPicker(onPick = vi.fn<(emoji: string) => void>(), onClose = vi.fn()) {
  render(<EmojiPicker onPick={onPick} onClose={onClose} />);
  await screen.findByRole('tablist', { name: 'Emoji categories' });
  return { onPick, onClose };
}

describe('emoji picker', () => {
  it('opens with the search box focused on the first category', async () => {
    await openPicker();
    expect(screen.getByRole('dialog', { name: 'Choose a reaction' })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search emoji' })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'Smileys & emotion' })).toHaveAttribute('aria-selected', 'true');
    expect(within(screen.getByRole('grid', { name: 'Smileys & emotion' })).getByRole('button', { name: 'grinning face' })).toBeInTheDocument();
  });

  it('searches by name, shortcode and tag; Enter picks the best match', async () => {
    const { onPick } = await openPicker();
    const search = screen.getByRole('searchbox', { name: 'Search emoji' });
    await userEvent.type(search, 'thumbs');
    const results = screen.getByRole('grid', { name: 'Search results' });
    expect(
      within(results)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label'))
        .slice(0, 2),
    ).toEqual(['thumbs up', 'thumbs down']);
    await userEvent.clear(search);
    await userEvent.type(search, 'tada');
    expect(within(screen.getByRole('grid', { name: 'Search results' })).getAllByRole('button')[0]).toHaveAccessibleName('party popper');
    await userEvent.clear(search);
    await userEvent.type(search, 'zzqx');
    expect(screen.getAllByText('No emoji found').length).toBeGreaterThan(0);
    await userEvent.clear(search);
    await userEvent.type(search, 'rocket{Enter}');
    expect(onPick).toHaveBeenCalledWith('🚀');
  });

  it('a category tab leaves the search', async () => {
    await openPicker();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search emoji' }), 'rocket');
    expect(screen.getByRole('tab', { name: 'Animals & nature' })).toHaveAttribute('aria-selected', 'false');
    await userEvent.click(screen.getByRole('tab', { name: 'Animals & nature' }));
    expect(screen.getByRole('searchbox', { name: 'Search emoji' })).toHaveValue('');
    expect(screen.getByRole('grid', { name: 'Animals & nature' })).toBeInTheDocument();
    expect(screen.queryByRole('grid', { name: 'Search results' })).toBeNull();
  });

  it('switches category by click and by arrow keys in the tab list', async () => {
    await openPicker();
    await userEvent.click(screen.getByRole('tab', { name: 'Food & drink' }));
    expect(screen.getByRole('grid', { name: 'Food & drink' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'pizza' })).toBeInTheDocument();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Travel & places' })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'Travel & places' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByRole('button', { name: 'pizza' })).toBeNull();
    await userEvent.keyboard('{End}');
    expect(screen.getByRole('grid', { name: 'Flags' })).toBeInTheDocument();
  });

  it('moves through the grid with the arrow keys and picks with Enter', async () => {
    const { onPick } = await openPicker();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search emoji' }), 'face');
    await userEvent.keyboard('{ArrowDown}');
    const cells = within(screen.getByRole('grid', { name: 'Search results' })).getAllByRole('button');
    expect(cells[0]).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}{ArrowDown}');
    expect(cells[9]).toHaveFocus();
    expect(cells[9]).toHaveAttribute('tabindex', '0');
    expect(cells[0]).toHaveAttribute('tabindex', '-1');
    await userEvent.keyboard('{Enter}');
    expect(onPick).toHaveBeenCalledWith(cells[9]!.textContent);
  });

  it('offers the chosen skin tone and keeps it in the settings', async () => {
    const { onPick } = await openPicker();
    await userEvent.click(screen.getByRole('button', { name: 'Skin tone: Default skin tone' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Medium skin tone' }));
    expect(bridge.callsOf('settings:set')).toEqual([{ emojiSkinTone: 'medium' }]);
    expect(useSettingsStore.getState().settings?.emojiSkinTone).toBe('medium');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search emoji' }), 'thumbs up');
    await userEvent.click(within(screen.getByRole('grid', { name: 'Search results' })).getAllByRole('button')[0]!);
    expect(onPick).toHaveBeenCalledWith('\u{1F44D}\u{1F3FD}');
  });

  it('remembers picks and shows them first, newest first', async () => {
    const { onPick } = await openPicker();
    expect(screen.queryByRole('grid', { name: 'Recently used' })).toBeNull();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search emoji' }), 'pizza{Enter}');
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search emoji' }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search emoji' }), 'rocket{Enter}');
    expect(onPick.mock.calls.map((c) => c[0])).toEqual(['🍕', '🚀']);
    expect(bridge.callsOf('settings:set')).toEqual([{ recentEmoji: ['🍕'] }, { recentEmoji: ['🚀', '🍕'] }]);
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search emoji' }));
    const recent = screen.getByRole('grid', { name: 'Recently used' });
    expect(
      within(recent)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['🚀', '🍕']);
  });

  it('Escape closes it and gives the focus back to what opened it', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const onClose = vi.fn();
    const { unmount } = render(<EmojiPicker onPick={vi.fn()} onClose={onClose} />);
    await screen.findByRole('tablist');
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
    act(() => unmount());
    expect(opener).toHaveFocus();
    opener.remove();
  });
});
