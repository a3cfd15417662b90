import { expect, test } from '../../harness/fixtures';
import { composer, expectNoSeriousA11yViolations, messageRow, openRoomFromSidebar, screenshot } from './chat-helpers';

// Three users, two desktops and a server on a machine other work shares.
test.describe.configure({ timeout: 120_000 });

test('mentions: @ completes a member, the mentioned user is notified; a room at "mentions only" stays quiet for plain messages', async ({
  createUser,
  launchDesktop,
}) => {
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const carol = await createUser('carol', { displayName: 'Carol Clark' });
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  await a.createRoom('general', [bob.id, carol.id]);
  await openRoomFromSidebar(a.page, 'general');
  await openRoomFromSidebar(b.page, 'general');

  // Bob sets the room to mentions only, then looks away (the window loses focus).
  await b.page.getByRole('button', { name: 'Notifications: All messages' }).click();
  await b.page.getByRole('menuitemradio', { name: 'Mentions only' }).click();
  await expect(b.page.getByRole('button', { name: 'Notifications: Mentions only' })).toBeVisible();
  await b.setWindowFocused(false);

  // A plain message arrives but does not notify.
  await composer(a.page).fill('Morning all');
  await composer(a.page).press('Enter');
  await expect(messageRow(b.page, 'Morning all')).toBeVisible();

  // Alice mentions Bob through the completion list.
  await composer(a.page).pressSequentially('Can you review this @bo', { delay: 20 });
  const people = a.page.getByRole('listbox', { name: 'People' });
  await expect(people.getByRole('option')).toHaveCount(1);
  await expect(people.getByRole('option').first()).toContainText('Bob Baker');
  await expect(people.getByRole('option').first()).toContainText('@' + bob.username);
  await expectNoSeriousA11yViolations(a.page);
  await screenshot(a.page, 'mention-autocomplete');
  await composer(a.page).press('Enter');
  await expect(people).toHaveCount(0);
  await expect(composer(a.page)).toHaveValue(`Can you review this @${bob.username} `);
  await composer(a.page).press('Enter');

  await expect.poll(() => b.recorder.notifications.length).toBe(1);
  expect(b.recorder.notifications[0]).toMatchObject({ title: 'Alice Archer in #general', body: `Can you review this @${bob.username}` });

  // Bob's own mention stands out in his timeline; Alice's other message does not.
  await expect(messageRow(b.page, 'Can you review this')).toHaveClass(/message--mentioned/);
  await expect(messageRow(b.page, 'Can you review this').locator('.mention--self')).toHaveText(`@${bob.username}`);
  await expect(messageRow(b.page, 'Morning all')).not.toHaveClass(/message--mentioned/);

  // @channel reaches a "mentions only" room too; "nothing" silences even that.
  await composer(a.page).fill('@channel deploy at noon');
  await composer(a.page).press('Enter');
  await expect.poll(() => b.recorder.notifications.length).toBe(2);
  await b.page.getByRole('button', { name: 'Notifications: Mentions only' }).click();
  await b.page.getByRole('menuitemradio', { name: 'Nothing' }).click();
  await expect(b.page.getByRole('button', { name: 'Notifications: Nothing' })).toBeVisible();
  await composer(a.page).fill(`@${bob.username} last call`);
  await composer(a.page).press('Enter');
  await expect(messageRow(b.page, 'last call')).toBeVisible();
  await b.page.waitForTimeout(500); // a notification would have been shown by now
  // The plain message and the one in a silenced room never notified.
  expect(b.recorder.notifications.map((n) => n.body)).toEqual([`Can you review this @${bob.username}`, '@channel deploy at noon']);
});
