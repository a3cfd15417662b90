import { test, expect } from '../../harness/fixtures';
import { openRoom } from './shell-helpers';

const checkedStatus = (driver: { recorder: { tray: { menu: { id: string; checked?: boolean }[] } | null } }) =>
  driver.recorder.tray?.menu.find((item) => item.checked)?.id;

test('auto-away after idle time and on screen lock, back on activity; others see it', async ({ createUser, launchDesktop }) => {
  const [alice, bob] = await Promise.all([createUser('alice'), createUser('bob')]);
  const a = await launchDesktop({ profile: 'alice', user: alice, settings: { autoAwayMinutes: 1 } });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  await a.createRoom('team', [bob.id]); // presence is shared with people one shares a room with
  const aliceStatusSeenByBob = () =>
    b
      .events()
      .filter((e) => e.type === 'presence' && e.payload.userId === alice.id)
      .map((e) => (e.type === 'presence' ? e.payload.status : null))
      .at(-1);

  a.setIdleSeconds(61);
  await expect.poll(() => checkedStatus(a)).toBe('status:away');
  await expect.poll(aliceStatusSeenByBob).toBe('away');
  a.setIdleSeconds(0);
  await expect.poll(() => checkedStatus(a)).toBe('status:online');
  await expect.poll(aliceStatusSeenByBob).toBe('online');

  a.lockScreen();
  await expect.poll(() => checkedStatus(a)).toBe('status:away');
  a.unlockScreen();
  await expect.poll(() => checkedStatus(a)).toBe('status:online');

  // A status the user picks is kept, whatever the idle time does.
  await a.invokeOk('presence:set', { status: 'dnd' });
  a.setIdleSeconds(3600);
  await new Promise((resolve) => setTimeout(resolve, 300));
  a.setIdleSeconds(0);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(checkedStatus(a)).toBe('status:dnd');
  await expect.poll(aliceStatusSeenByBob).toBe('dnd');
});

test('a droplink://room link shows the window and opens the room; junk links are ignored', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice');
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const lobby = await a.createRoom('lobby');
  const design = await a.createRoom('design');
  await openRoom(a, lobby);
  await a.closeWindow();

  await a.openDeepLink('droplink://room/not-a-room');
  await a.openDeepLink(`droplink://room/${design.id}`);
  expect(a.recorder.window.visible).toBe(true);
  await expect
    .poll(() =>
      a
        .events()
        .filter((e) => e.type === 'navigate')
        .map((e) => e.payload),
    )
    .toEqual([{ roomId: design.id }]);
  if (await a.page.getByRole('navigation', { name: 'Rooms' }).isVisible()) {
    await expect(a.page.getByRole('heading', { level: 1, name: 'design' })).toBeVisible();
  }
});

test('settings persist in the profile and reach the OS (login item, theme)', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice');
  const a = await launchDesktop({ profile: 'alice', user: alice });
  await a.invokeOk('settings:set', { launchAtLogin: true, theme: 'dark', notifications: { sound: false } });
  expect(a.recorder.loginItem).toBe(true);
  expect(a.recorder.theme).toBe('dark');
  await a.restart();
  expect(await a.invokeOk('settings:get', {})).toMatchObject({ launchAtLogin: true, theme: 'dark', notifications: { sound: false, enabled: true } });
  expect(a.recorder.theme).toBe('dark');
  // The session survived the restart too (token vault in the profile).
  expect(await a.invokeOk('session:get', {})).toMatchObject({ status: 'signedIn', user: { id: alice.id } });
});
