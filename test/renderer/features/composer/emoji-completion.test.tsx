import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../../common/ipc/settings';
import { Composer } from '../../../../renderer/src/features/composer/Composer';
import { loadEmojiData } from '../../../../renderer/src/features/emoji/emoji-data';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeOutboxItem, makeUser, uuid } from '../../support/factories';
import { signIn } from '../../support/stores';

let ROOM = uuid();
let bridge: FakeBridge;
let settings: Settings;

beforeAll(async () => {
  await loadEmojiData();
});

beforeEach(() => {
  ROOM = uuid();
  settings = { ...DEFAULT_SETTINGS };
  useSettingsStore.setState({ settings });
  bridge = installFakeBridge();
  bridge.handle('messages:send', (args) => makeOutboxItem(args.roomId, { body: args.body }));
  bridge.handle('settings:set', (patch: SettingsPatch) => (settings = { ...settings, ...patch } as Settings));
  signIn(makeUser());
});

const textbox = () => screen.getByRole('textbox', { name: 'Message' });
const list = () => screen.queryByRole('listbox', { name: 'Emoji' });

describe(':shortcode: completion in the composer', () => {
  it('opens after two characters with the matches, the first one active', async () => {
    render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.type(textbox(), 'hi :s');
    expect(list()).toBeNull();
    await userEvent.type(textbox(), 'mi');
    const options = within(list()!).getAllByRole('option');
    expect(options.length).toBeGreaterThan(1);
    expect(options[0]).toHaveTextContent(':smile:');
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(textbox()).toHaveAttribute('aria-controls', list()!.id);
    expect(textbox()).toHaveAttribute('aria-activedescendant', options[0]!.id);
  });

  it('arrows move, Enter picks and replaces the query with the emoji, without sending', async () => {
    render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.type(textbox(), 'ok :thumbs');
    const options = within(list()!).getAllByRole('option');
    expect(options[0]).toHaveTextContent(':thumbsup:');
    expect(options[1]).toHaveTextContent(':thumbsdown:');
    await userEvent.keyboard('{ArrowDown}');
    expect(textbox()).toHaveAttribute('aria-activedescendant', options[1]!.id);
    await userEvent.keyboard('{ArrowUp}{Enter}');
    expect(textbox()).toHaveValue('ok 👍');
    expect(list()).toBeNull();
    expect(bridge.callsOf('messages:send')).toEqual([]);
    await userEvent.type(textbox(), ' fine{Enter}');
    expect(bridge.callsOf('messages:send')).toEqual([{ roomId: ROOM, body: 'ok 👍 fine' }]);
    expect(bridge.callsOf('settings:set')).toEqual([{ recentEmoji: ['👍'] }]);
  });

  it('Tab picks too, in the middle of the text, with the caret after the emoji', async () => {
    render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.type(textbox(), 'a  b');
    const box = textbox() as HTMLTextAreaElement;
    box.setSelectionRange(2, 2);
    await userEvent.type(box, ':rocke', { initialSelectionStart: 2, initialSelectionEnd: 2 });
    await userEvent.keyboard('{Tab}');
    expect(box).toHaveValue('a 🚀 b');
    expect(box.selectionStart).toBe(2 + '🚀'.length);
    expect(box).toHaveFocus();
  });

  it('Escape closes the list and keeps the text; it stays closed for that word', async () => {
    render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.type(textbox(), ':smi');
    await userEvent.keyboard('{Escape}');
    expect(list()).toBeNull();
    expect(textbox()).toHaveValue(':smi');
    await userEvent.type(textbox(), 'l');
    expect(list()).toBeNull();
    await userEvent.type(textbox(), ' :tad');
    expect(list()).not.toBeNull();
  });

  it('uses the chosen skin tone', async () => {
    useSettingsStore.setState({ settings: { ...settings, emojiSkinTone: 'dark' } });
    render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.type(textbox(), ':wave{Enter}');
    expect(textbox()).toHaveValue('\u{1F44B}\u{1F3FF}');
  });

  it('a shortcode typed in full becomes its emoji at the closing colon', async () => {
    render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.type(textbox(), 'party :tada: time :nosuch:');
    expect(textbox()).toHaveValue('party 🎉 time :nosuch:');
  });

  it('a pasted shortcode becomes its emoji when sent, but not inside code', async () => {
    render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.click(textbox());
    await userEvent.paste('ship it :rocket: `:rocket:`');
    await userEvent.keyboard('{Escape}{Enter}');
    expect(bridge.callsOf('messages:send')).toEqual([{ roomId: ROOM, body: 'ship it 🚀 `:rocket:`' }]);
  });

  it('the emoji button inserts at the caret', async () => {
    render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.type(textbox(), 'hello world');
    (textbox() as HTMLTextAreaElement).setSelectionRange(5, 5);
    await userEvent.click(screen.getByRole('button', { name: 'Insert emoji' }));
    const picker = await screen.findByRole('dialog', { name: 'Insert emoji' });
    await userEvent.type(within(picker).getByRole('searchbox'), 'wave{Enter}');
    expect(screen.queryByRole('dialog', { name: 'Insert emoji' })).toBeNull();
    expect(textbox()).toHaveValue('hello👋 world');
    expect(textbox()).toHaveFocus();
    expect((textbox() as HTMLTextAreaElement).selectionStart).toBe(5 + '👋'.length);
  });
});
