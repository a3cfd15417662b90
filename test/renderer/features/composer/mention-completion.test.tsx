import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../common/ipc/settings';
import { Composer } from '../../../../renderer/src/features/composer/Composer';
import { useRoomsStore } from '../../../../renderer/src/stores/rooms';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { useUsersStore } from '../../../../renderer/src/stores/users';
import { installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeOutboxItem, makeRoom, makeUser } from '../../support/factories';
import { resetStores, signIn } from '../../support/stores';

const me = makeUser({ username: 'alice', displayName: 'Alice Doe' });
const bob = makeUser({ username: 'bob', displayName: 'Bob Builder', status: 'online' });
const bea = makeUser({ username: 'beatrice', displayName: 'Bea Trice', status: 'away' });
const carl = makeUser({ username: 'carl', displayName: 'Carl Bishop', status: 'offline' });
let bridge: FakeBridge;

const textbox = () => screen.getByRole('textbox', { name: 'Message' });
const list = () => screen.queryByRole('listbox', { name: 'People' });
const optionTexts = () =>
  within(list()!)
    .getAllByRole('option')
    .map((o) => o.textContent);

function enterRoom(memberIds: string[], kind: 'channel' | 'dm' = 'channel') {
  const room = makeRoom({ kind, memberIds });
  useRoomsStore.getState().setRooms([room]);
  return room;
}

beforeEach(() => {
  resetStores();
  useSettingsStore.setState({ settings: { ...DEFAULT_SETTINGS } });
  bridge = installFakeBridge();
  bridge.handle('messages:send', (args) => makeOutboxItem(args.roomId, { body: args.body }));
  bridge.handle('users:get', () => ({ users: [] }));
  signIn(me);
  useUsersStore.getState().upsertUsers([bob, bea, carl]);
});

describe('@ mentions in the composer', () => {
  it("lists the room's other members with their presence, then @channel and @here", async () => {
    const room = enterRoom([me.id, bob.id, bea.id, carl.id]);
    render(<Composer roomId={room.id} placeholder="" />);
    await userEvent.type(textbox(), 'hi @');
    expect(optionTexts()).toEqual([
      'Bob Builder @bob',
      'Bea Trice @beatrice',
      'Carl Bishop @carl',
      '@channel Notify everyone in this room',
      '@here Notify everyone online in this room',
    ]);
    const first = within(list()!).getAllByRole('option')[0]!;
    expect(within(first).getByRole('img', { name: 'Online' })).toBeInTheDocument();
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(textbox()).toHaveAttribute('aria-activedescendant', first.id);
  });

  it('matches usernames and words of names as you type', async () => {
    const room = enterRoom([me.id, bob.id, bea.id, carl.id]);
    render(<Composer roomId={room.id} placeholder="" />);
    await userEvent.type(textbox(), '@b');
    // Usernames starting with "b" first, then a name with a word starting with it (Carl Bishop).
    expect(optionTexts()).toEqual(['Bob Builder @bob', 'Bea Trice @beatrice', 'Carl Bishop @carl']);
    await userEvent.type(textbox(), 'ish');
    expect(optionTexts()).toEqual(['Carl Bishop @carl']);
    await userEvent.type(textbox(), 'zz');
    expect(list()).toBeNull();
  });

  it('arrows move, Enter and Tab put in the username, and Enter then sends', async () => {
    const room = enterRoom([me.id, bob.id, bea.id, carl.id]);
    render(<Composer roomId={room.id} placeholder="" />);
    await userEvent.type(textbox(), 'ping @');
    const options = within(list()!).getAllByRole('option');
    await userEvent.keyboard('{ArrowDown}');
    expect(textbox()).toHaveAttribute('aria-activedescendant', options[1]!.id);
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(textbox()).toHaveAttribute('aria-activedescendant', options.at(-1)!.id); // wraps round to @here
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(textbox()).toHaveValue('ping @bob ');
    expect(list()).toBeNull();
    expect(bridge.callsOf('messages:send')).toEqual([]);
    await userEvent.type(textbox(), 'and @cha');
    await userEvent.keyboard('{Tab}');
    expect(textbox()).toHaveValue('ping @bob and @channel ');
    await userEvent.keyboard('{Enter}');
    expect(bridge.callsOf('messages:send')).toEqual([{ roomId: room.id, body: 'ping @bob and @channel' }]);
  });

  it('Escape closes the list and keeps the text; a mail address never opens it', async () => {
    const room = enterRoom([me.id, bob.id]);
    render(<Composer roomId={room.id} placeholder="" />);
    await userEvent.type(textbox(), 'mail bob@b');
    expect(list()).toBeNull();
    await userEvent.clear(textbox());
    await userEvent.type(textbox(), '@bo');
    expect(list()).not.toBeNull();
    await userEvent.keyboard('{Escape}');
    expect(list()).toBeNull();
    expect(textbox()).toHaveValue('@bo');
    await userEvent.type(textbox(), 'b');
    expect(list()).toBeNull();
  });

  it('offers no @channel or @here in a DM', async () => {
    const room = enterRoom([me.id, bob.id], 'dm');
    render(<Composer roomId={room.id} placeholder="" />);
    await userEvent.type(textbox(), '@');
    expect(optionTexts()).toEqual(['Bob Builder @bob']);
  });

  it('in rooms above five members, says how many people @channel or @here will notify before sending', async () => {
    const others = Array.from({ length: 5 }, (_, i) => makeUser({ username: `member${i}`, status: i < 2 ? 'online' : 'away' }));
    useUsersStore.getState().upsertUsers(others);
    const room = enterRoom([me.id, ...others.map((u) => u.id)]);
    render(<Composer roomId={room.id} placeholder="" />);
    await userEvent.type(textbox(), 'standup @channel');
    expect(screen.getByRole('status')).toHaveTextContent('@channel will notify 5 people.');
    await userEvent.clear(textbox());
    await userEvent.type(textbox(), 'lunch? @here');
    expect(screen.getByRole('status')).toHaveTextContent('@here will notify 2 people online now.');
    await userEvent.clear(textbox());
    await userEvent.type(textbox(), 'plain');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says nothing in a room of five', async () => {
    const room = enterRoom([me.id, bob.id, bea.id, carl.id, makeUser().id]);
    render(<Composer roomId={room.id} placeholder="" />);
    await userEvent.type(textbox(), '@channel');
    expect(screen.queryByRole('status')).toBeNull();
  });
});
