import { expect, test } from '../../harness/fixtures';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { messageRow, openRoomFromSidebar, screenshot, sendFromComposer } from './chat-helpers';

/** axe on the whole window while offline: the banner, the pending messages and the notices. */
async function offlineWindowViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

test('offline: messages queue under a banner, a failed leave says why, and they go out when back', async ({ server, createUser, launchDesktop }) => {
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  await a.createRoom('ops', [bob.id]);
  await openRoomFromSidebar(a.page, 'ops');
  await openRoomFromSidebar(b.page, 'ops');

  await server.stop();
  const banner = a.page.getByRole('status').filter({ hasText: /offline|Connecting|Reconnecting/ });
  await expect(banner).toBeVisible({ timeout: 15_000 });

  await sendFromComposer(a.page, 'Written on the train');
  const pending = messageRow(a.page, 'Written on the train');
  await expect(pending.locator('[data-state]')).toHaveAttribute('data-state', 'pending');
  await expect(banner).toContainText('1 message will be sent');

  // What needs the server fails while it is away, and says so instead of doing nothing.
  await a.page.getByRole('button', { name: 'Room options' }).click();
  await a.page.getByRole('menuitem', { name: 'Leave channel' }).click();
  await a.page.getByRole('dialog', { name: 'Leave #ops?' }).getByRole('button', { name: 'Leave' }).click();
  const toasts = a.page.getByRole('region', { name: 'Notifications' });
  await expect(toasts.getByRole('alert')).toHaveText(/^Could not leave #ops.*Not connected to the server; try again when online\.$/);
  await expect(a.page.getByRole('heading', { level: 1, name: 'ops' })).toBeVisible();
  expect(await offlineWindowViolations(a.page)).toEqual([]);
  await screenshot(a.page, 'notice-error-light');
  await a.page.emulateMedia({ colorScheme: 'dark' });
  expect(await offlineWindowViolations(a.page)).toEqual([]);
  await screenshot(a.page, 'notice-error-dark');
  await a.page.emulateMedia({ colorScheme: 'light' });
  await toasts.getByRole('button', { name: 'Dismiss notification' }).click();
  await expect(toasts).toBeHidden();

  await server.start();
  await expect(banner).toBeHidden({ timeout: 20_000 });
  await expect(messageRow(b.page, 'Written on the train')).toBeVisible({ timeout: 20_000 });
  await expect(messageRow(a.page, 'Written on the train').locator('[data-state]')).not.toHaveAttribute('data-state', 'pending');
});
