import { test, expect } from '../../harness/fixtures';
import { messageBodies, openRoom, sendMessage } from './shell-helpers';

test('a message in a background room notifies; one in the focused room does not', async ({ createUser, launchDesktop }) => {
  const [alice, bob] = await Promise.all([createUser('alice', { displayName: 'Alice' }), createUser('bob', { displayName: 'Bob' })]);
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  const general = await a.createRoom('general', [bob.id]);
  const random = await a.createRoom('random', [bob.id]);
  await openRoom(a, general); // Alice is looking at #general, window focused

  await sendMessage(b, general, 'in the focused room');
  await sendMessage(b, random, 'in the background room');
  await expect.poll(() => messageBodies(a, random.id)).toEqual(['in the background room']);
  await expect.poll(() => messageBodies(a, general.id)).toEqual(['in the focused room']);

  await expect.poll(() => a.recorder.notifications.length).toBe(1);
  expect(a.recorder.notifications[0]).toMatchObject({ title: 'Bob in #random', body: 'in the background room', roomId: random.id });
  // Own messages never notify the sender.
  expect(b.recorder.notifications).toEqual([]);

  // Clicking the notification shows the window and asks the renderer to open that room.
  await a.closeWindow();
  expect(a.recorder.window.visible).toBe(false);
  await a.clickNotification(0);
  expect(a.recorder.window.visible).toBe(true);
  await expect
    .poll(() =>
      a
        .events()
        .filter((e) => e.type === 'navigate')
        .map((e) => e.payload),
    )
    .toEqual([{ roomId: random.id }]);
});

test('previews can be hidden, and do-not-disturb silences everything', async ({ createUser, launchDesktop }) => {
  const [alice, bob] = await Promise.all([createUser('alice'), createUser('bob')]);
  const a = await launchDesktop({ profile: 'alice', user: alice, settings: { notifications: { showPreview: false } } });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  const room = await a.createRoom('ops', [bob.id]);
  await a.setWindowFocused(false);

  await sendMessage(b, room, 'secret plans');
  await expect.poll(() => a.recorder.notifications.length).toBe(1);
  expect(a.recorder.notifications[0]).toMatchObject({ title: 'New message', body: '' });

  await a.clickTrayMenu('status:dnd');
  expect(a.recorder.tray?.menu.find((item) => item.checked)?.id).toBe('status:dnd');
  await sendMessage(b, room, `@${alice.username} are you there?`);
  await expect.poll(() => messageBodies(a, room.id).length).toBe(2);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(a.recorder.notifications.length).toBe(1);
});
