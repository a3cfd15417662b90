import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../../harness/fixtures';

test.describe.configure({ timeout: 120_000 });

test('the old local mute becomes the server level "nothing" once, and the badge follows each room\'s level', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const a = await launchDesktop({ profile: 'alice', user: alice });
  let b = await launchDesktop({ profile: 'bob', user: bob, windowFocused: false });
  const quiet = await a.createRoom('quiet', [bob.id]);
  const pings = await a.createRoom('pings', [bob.id]);
  const loud = await a.createRoom('loud', [bob.id]);

  // Bob's settings from before notification levels: "quiet" muted on this device.
  await b.close();
  const settingsFile = path.join(b.profileDir, 'settings.json');
  const stored = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(settingsFile, JSON.stringify({ ...stored, mutedRoomIds: [quiet.id] }));
  b = await launchDesktop({ profile: 'bob', user: bob, windowFocused: false });

  const levelOf = async (roomId: string) => {
    const { rooms } = await b.invokeOk('rooms:list', {});
    return rooms.find((r) => r.id === roomId)?.notify;
  };
  await expect.poll(() => levelOf(quiet.id)).toBe('none');
  await expect.poll(async () => (await b.invokeOk('settings:get', {})).mutedRoomIds).toEqual([]);
  expect(await levelOf(loud.id)).toBe('all');
  await b.invokeOk('rooms:notify', { roomId: pings.id, level: 'mentions' });

  await a.sendViaBridge(quiet.id, `@${bob.username} in a room set to nothing`);
  await a.sendViaBridge(pings.id, 'plain words in a mentions-only room');
  await a.sendViaBridge(pings.id, `@${bob.username} a mention in a mentions-only room`);
  await a.sendViaBridge(loud.id, 'plain words in a room that notifies everything');

  // The badge: nothing from "quiet", the mention from "pings", everything from "loud".
  await expect
    .poll(() => b.recorder.notifications.map((n) => n.body))
    .toEqual([`@${bob.username} a mention in a mentions-only room`, 'plain words in a room that notifies everything']);
  await expect.poll(() => b.recorder.badgeCount).toBe(2);
  // The unread counts themselves still count every message.
  const { rooms } = await b.invokeOk('rooms:list', {});
  expect(Object.fromEntries(rooms.map((r) => [r.name, r.unreadCount]))).toMatchObject({ quiet: 1, pings: 2, loud: 1 });
});
