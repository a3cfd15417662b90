import { expect, test } from '../../harness/fixtures';
import { messageRow, openRoomFromSidebar, sendFromComposer } from './chat-helpers';

test('going offline queues messages with a banner, and they go out when back online', async ({ server, createUser, launchDesktop }) => {
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  await a.createRoom('ops', [bob.id]);
  await openRoomFromSidebar(a.page, 'ops');
  await openRoomFromSidebar(b.page, 'ops');

  await server.stop();
  const banner = a.page.getByRole('status').filter({ hasText: /offline|Connecting/ });
  await expect(banner).toBeVisible({ timeout: 15_000 });

  await sendFromComposer(a.page, 'Written on the train');
  const pending = messageRow(a.page, 'Written on the train');
  await expect(pending.locator('[data-state]')).toHaveAttribute('data-state', 'pending');
  await expect(banner).toContainText('1 message will be sent');

  await server.start();
  await expect(banner).toBeHidden({ timeout: 20_000 });
  await expect(messageRow(b.page, 'Written on the train')).toBeVisible({ timeout: 20_000 });
  await expect(messageRow(a.page, 'Written on the train').locator('[data-state]')).not.toHaveAttribute('data-state', 'pending');
});
