import { expect, test } from '../../harness/fixtures';
import { composer, expectNoSeriousA11yViolations, messageRow, openRoomFromSidebar, roomNav, screenshot, sendFromComposer } from './chat-helpers';

test('chat and settings have no serious accessibility violations, in light and dark', async ({ createUser, launchDesktop }) => {
  test.setTimeout(120_000);
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  const room = await a.createRoom('product', [bob.id]);
  await a.createRoom('random', [bob.id]);
  await a.invokeOk('rooms:dm', { userId: bob.id });
  await openRoomFromSidebar(b.page, 'product');
  // Only a room's admins (its creator, here) may change its topic.
  await a.invokeOk('rooms:update', { roomId: room.id, topic: 'Roadmap, launches and feedback' });

  await openRoomFromSidebar(a.page, 'product');
  await sendFromComposer(a.page, 'Morning! The **beta** opens on Thursday.');
  await sendFromComposer(b.page, 'Great news. I put the checklist in `docs/launch.md` and the plan at https://example.com/plan');
  await sendFromComposer(b.page, `@${alice.username} can you review the copy before noon?`);
  await sendFromComposer(a.page, 'On it:\n```\nnpm run release -- --beta\n```');
  await expect(messageRow(a.page, 'On it')).toBeVisible();
  await expect(messageRow(a.page, 'review the copy')).toBeVisible();
  await a.page.mouse.move(0, 0);

  await expectNoSeriousA11yViolations(a.page);
  await screenshot(a.page, 'chat-light');

  await a.page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(a.page);
  await screenshot(a.page, 'chat-dark');
  await a.page.emulateMedia({ colorScheme: 'light' });

  // Keyboard: quick switcher and Alt+Down between rooms.
  await composer(a.page).focus();
  await a.page.keyboard.press('Control+k');
  const switcher = a.page.getByRole('combobox', { name: 'Jump to a conversation' });
  await switcher.fill('rand');
  await switcher.press('Enter');
  await expect(a.page.getByRole('heading', { level: 1, name: 'random' })).toBeVisible();
  await a.page.keyboard.press('Alt+ArrowUp');
  await expect(a.page.getByRole('heading', { level: 1, name: 'product' })).toBeVisible();
  await expect(roomNav(a.page).getByRole('button', { name: /Bob Baker/ })).toBeVisible();

  // Settings: theme switches the whole window.
  await a.page.getByRole('button', { name: /Account menu/ }).click();
  await a.page.getByRole('menuitem', { name: 'Settings' }).click();
  const settings = a.page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  await expectNoSeriousA11yViolations(a.page);
  await screenshot(a.page, 'settings');
  await settings.getByRole('radio', { name: 'Dark' }).click();
  await expect(a.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectNoSeriousA11yViolations(a.page);
  await settings.getByRole('radio', { name: 'System' }).click();
  await expect(a.page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  await a.page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
});
