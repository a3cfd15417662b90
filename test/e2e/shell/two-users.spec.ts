import { test, expect } from '../../harness/fixtures';
import { sendMessage, messageBodies } from './shell-helpers';

test('two users on two desktop apps exchange messages', async ({ createUser, launchDesktop }) => {
  const [alice, bob] = await Promise.all([createUser('alice'), createUser('bob')]);
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });

  const room = await a.createRoom('general', [bob.id]);
  await expect.poll(async () => (await b.invokeOk('rooms:list', {})).rooms.map((r) => r.id)).toContain(room.id);

  await sendMessage(a, room, 'Hello Bob');
  await expect.poll(() => messageBodies(b, room.id)).toEqual(['Hello Bob']);

  await sendMessage(b, room, 'Hi Alice');
  await expect.poll(() => messageBodies(a, room.id)).toEqual(['Hello Bob', 'Hi Alice']);
  // Each arrives exactly once, and the sender's own message came back as stored.
  await expect.poll(() => messageBodies(b, room.id)).toEqual(['Hello Bob', 'Hi Alice']);
  // Events reach the renderer in batches, not one IPC send per event.
  expect(a.batches().length).toBeLessThan(a.events().length);
});
