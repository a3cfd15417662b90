import { test, expect } from '../../harness/fixtures';
import { deliveredMessages, hasChatUi, openRoom, sendMessage } from './shell-helpers';

test('the tray shows unread messages and clears when they are read', async ({ createUser, launchDesktop }) => {
  const [alice, bob] = await Promise.all([createUser('alice'), createUser('bob')]);
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  const room = await a.createRoom('general', [bob.id]);
  expect(a.recorder.tray).toMatchObject({ icon: 'read', tooltip: 'Droplink' });
  expect(a.recorder.tray?.menu.map((item) => item.id)).toEqual(['open', 'status:online', 'status:away', 'status:dnd', 'quit']);

  await a.setWindowFocused(false);
  await sendMessage(b, room, 'one');
  await sendMessage(b, room, 'two');
  await expect.poll(() => a.recorder.badgeCount).toBe(2);
  expect(a.recorder.tray).toMatchObject({ icon: 'unread', tooltip: 'Droplink: 2 unread messages' });

  // The user comes back and opens the room; the renderer marks what it shows as read.
  await a.setWindowFocused(true);
  await openRoom(a, room);
  const last = deliveredMessages(a, room.id).at(-1)!;
  if (!(await hasChatUi(a))) await a.invokeOk('receipts:read', { roomId: room.id, seq: last.seq });
  await expect.poll(() => a.recorder.badgeCount).toBe(0);
  expect(a.recorder.tray).toMatchObject({ icon: 'read', tooltip: 'Droplink' });

  // The read receipt reached the server: a fresh app start shows no unread either.
  await expect.poll(async () => (await b.invokeOk('receipts:list', { roomId: room.id })).receipts.find((r) => r.userId === alice.id)?.readSeq).toBe(last.seq);
  await a.restart();
  await a.waitForConnection('online');
  expect(a.recorder.badgeCount).toBe(0);
});

test('closing the window hides it to the tray; the tray menu opens it again', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice');
  const a = await launchDesktop({ profile: 'alice', user: alice });
  expect(await a.closeWindow()).toBe('hide');
  expect(a.recorder.window).toMatchObject({ visible: false, focused: false });
  await a.clickTrayMenu('open');
  expect(a.recorder.window).toMatchObject({ visible: true, focused: true });
});
