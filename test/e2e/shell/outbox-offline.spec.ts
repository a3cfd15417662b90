import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../../harness/fixtures';
import { messageBodies } from './shell-helpers';

test('a message typed while the server is down is delivered exactly once after an app restart', async ({ server, createUser, launchDesktop }) => {
  const [alice, bob] = await Promise.all([createUser('alice'), createUser('bob')]);
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  const room = await a.createRoom('general', [bob.id]);
  await a.sendViaBridge(room.id, 'before the outage');
  await expect.poll(() => messageBodies(b, room.id)).toEqual(['before the outage']);

  await server.stop();
  await a.waitForConnection('offline');
  const queued = await a.sendViaBridge(room.id, 'typed while offline');
  expect(queued.status).toBe('queued');

  // It is on disk, in the profile, before the app goes away.
  const outboxFile = path.join(a.profileDir, 'outbox', `${alice.id}.json`);
  const onDisk = JSON.parse(await readFile(outboxFile, 'utf8')) as Array<{ clientId: string; body: string }>;
  expect(onDisk.map((item) => item.body)).toEqual(['typed while offline']);

  await a.restart(); // quits and relaunches with the same profile while the server is still down
  await expect.poll(async () => (await a.invokeOk('outbox:list', {})).items.map((item) => item.body)).toEqual(['typed while offline']);

  await server.start(); // same DATA_DIR and port
  await a.waitForConnection('online');
  await expect.poll(async () => (await a.invokeOk('outbox:list', {})).items).toEqual([]);
  await expect.poll(() => messageBodies(b, room.id)).toEqual(['before the outage', 'typed while offline']);

  // Exactly once on the server, with the clientId the outbox gave it.
  const history = await b.invokeOk('messages:history', { roomId: room.id });
  expect(history.messages.map((m) => m.body)).toEqual(['before the outage', 'typed while offline']);
  expect(history.messages[1]?.clientId).toBe(onDisk[0]?.clientId);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(messageBodies(b, room.id)).toEqual(['before the outage', 'typed while offline']);
  expect(messageBodies(a, room.id)).toEqual(['typed while offline']); // the restarted app got its own message back once
});
