import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Composer } from '../../../../renderer/src/features/composer/Composer';
import { useMessagesStore } from '../../../../renderer/src/stores/messages';
import { useUiStore } from '../../../../renderer/src/stores/ui';
import type { User } from '../../../../renderer/src/shared/contract';
import { FakeFailure, installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeMessage, makeOutboxItem, makeUser, uuid } from '../../support/factories';
import { signIn } from '../../support/stores';

// A fresh room per test: drafts are kept per room for the whole session.
let ROOM = uuid();
let bridge: FakeBridge;
let me: User;

beforeEach(() => {
  ROOM = uuid();
  bridge = installFakeBridge();
  bridge.handle('messages:send', (args) => makeOutboxItem(args.roomId, { body: args.body }));
  bridge.handle('messages:edit', (args) => ({ message: makeMessage(ROOM, 2, { id: args.messageId, body: args.body, senderId: me.id }) }));
  me = makeUser();
  signIn(me);
});

const textbox = () => screen.getByRole('textbox', { name: 'Message' });

describe('composer keys', () => {
  it('Enter sends the trimmed text and clears the box', async () => {
    render(<Composer roomId={ROOM} placeholder="Message #general" />);
    await userEvent.type(textbox(), '  hello there  {Enter}');
    expect(bridge.callsOf('messages:send')).toEqual([{ roomId: ROOM, body: 'hello there' }]);
    expect(textbox()).toHaveValue('');
  });

  it('Shift+Enter adds a new line instead of sending', async () => {
    render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.type(textbox(), 'line one{Shift>}{Enter}{/Shift}line two');
    expect(textbox()).toHaveValue('line one\nline two');
    expect(bridge.callsOf('messages:send')).toEqual([]);
    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
  });

  it('does not send empty or blank messages', async () => {
    render(<Composer roomId={ROOM} placeholder="" />);
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    await userEvent.type(textbox(), '   {Enter}');
    expect(bridge.callsOf('messages:send')).toEqual([]);
  });

  it('Up edits my last message, Enter saves it, Escape cancels', async () => {
    const mine = makeMessage(ROOM, 2, { senderId: me.id, body: 'my words' });
    useMessagesStore.getState().setWindow(ROOM, [makeMessage(ROOM, 1, { senderId: me.id }), mine, makeMessage(ROOM, 3)], { hasOlder: false, hasNewer: false });
    render(<Composer roomId={ROOM} placeholder="" />);

    await userEvent.type(textbox(), '{ArrowUp}');
    const editor = screen.getByRole('textbox', { name: 'Edit message' });
    expect(editor).toHaveValue('my words');
    await userEvent.type(editor, '{Escape}');
    expect(textbox()).toHaveValue('');

    await userEvent.type(textbox(), '{ArrowUp}');
    await userEvent.clear(screen.getByRole('textbox', { name: 'Edit message' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Edit message' }), 'better words{Enter}');
    expect(bridge.callsOf('messages:edit')).toEqual([{ messageId: mine.id, body: 'better words' }]);
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeInTheDocument();
  });

  it('a composer mounted while one of my messages is being edited shows that message, and the draft after', async () => {
    const mine = makeMessage(ROOM, 1, { senderId: me.id, body: 'being edited' });
    useMessagesStore.getState().setWindow(ROOM, [mine], { hasOlder: false, hasNewer: false });
    useUiStore.getState().startEditing(ROOM, mine.id);
    render(<Composer roomId={ROOM} placeholder="" />);
    expect(screen.getByRole('textbox', { name: 'Edit message' })).toHaveValue('being edited');
    act(() => useUiStore.getState().stopEditing());
    expect(textbox()).toHaveValue('');
  });

  it('Up only edits when the box is empty', async () => {
    useMessagesStore.getState().setWindow(ROOM, [makeMessage(ROOM, 1, { senderId: me.id })], { hasOlder: false, hasNewer: false });
    render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.type(textbox(), 'draft{ArrowUp}');
    expect(screen.queryByRole('textbox', { name: 'Edit message' })).toBeNull();
  });

  it('tells the room I am typing once for a burst of keys, and that I stopped when I send', async () => {
    render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.type(textbox(), 'quick note');
    expect(bridge.callsOf('typing')).toEqual([{ roomId: ROOM, typing: true }]);
    await userEvent.type(textbox(), '{Enter}');
    expect(bridge.callsOf('typing')).toEqual([
      { roomId: ROOM, typing: true },
      { roomId: ROOM, typing: false },
    ]);
  });

  it('shows why sending failed and keeps the text', async () => {
    bridge.handle('messages:send', () => {
      throw new FakeFailure('invalid_input', 'body must be at most 10000 characters');
    });
    render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.type(textbox(), 'oops{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('body must be at most 10000 characters');
    expect(textbox()).toHaveValue('oops');
  });

  it('keeps a draft per room', async () => {
    const { unmount } = render(<Composer roomId={ROOM} placeholder="" />);
    await userEvent.type(textbox(), 'half a thought');
    unmount();
    await act(async () => undefined);
    render(<Composer roomId={ROOM} placeholder="" />);
    expect(textbox()).toHaveValue('half a thought');
  });
});
