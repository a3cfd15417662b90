import { expect, test } from '../../harness/fixtures';
import { composer, messageLog, messageRow, openRoomFromSidebar, sendFromComposer } from './chat-helpers';

test('two users chat in a channel: messages, receipts, typing, reactions, edit and delete', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  await a.createRoom('general', [bob.id]);

  await openRoomFromSidebar(a.page, 'general');
  await openRoomFromSidebar(b.page, 'general');

  await sendFromComposer(a.page, 'Hello **Bob**, ready for the demo?');
  await expect(messageRow(b.page, 'ready for the demo?')).toBeVisible();
  await expect(messageRow(b.page, 'ready for the demo?').locator('strong')).toHaveText('Bob');

  // Bob has the room open and focused, so Alice's message turns to read.
  await expect(messageRow(a.page, 'ready for the demo?').locator('[data-state]')).toHaveAttribute('data-state', 'read');

  // Typing shows on the other side.
  await composer(b.page).pressSequentially('Almost', { delay: 30 });
  await expect(a.page.getByText('Bob Baker is typing…')).toBeVisible();
  await composer(b.page).press('Enter');
  await expect(messageRow(a.page, 'Almost')).toBeVisible();
  await expect(a.page.getByText('Bob Baker is typing…')).toBeHidden();

  // React from the hover toolbar; both see the count.
  const row = messageRow(b.page, 'ready for the demo?');
  await row.hover();
  await row.getByRole('button', { name: 'React with 👍' }).click();
  await expect(messageRow(a.page, 'ready for the demo?').getByRole('button', { name: /👍 1/ })).toBeVisible();

  // Edit the last own message with Up, then delete it.
  await composer(a.page).press('ArrowUp');
  await expect(a.page.getByRole('textbox', { name: 'Edit message' })).toHaveValue('Hello **Bob**, ready for the demo?');
  await a.page.getByRole('textbox', { name: 'Edit message' }).fill('Hello Bob, ready for the launch?');
  await a.page.getByRole('textbox', { name: 'Edit message' }).press('Enter');
  await expect(messageRow(b.page, 'ready for the launch?')).toContainText('(edited)');

  const mine = messageRow(a.page, 'ready for the launch?');
  await mine.hover();
  await mine.getByRole('button', { name: 'Delete message' }).click();
  await a.page.getByRole('dialog', { name: 'Delete message?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(messageLog(b.page).getByText('This message was deleted.')).toBeVisible();
});
