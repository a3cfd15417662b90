import { expect, test } from '../../harness/fixtures';
import { composer, expectNoSeriousA11yViolations, messageRow, openRoomFromSidebar, screenshot, sendFromComposer } from './chat-helpers';

test('react with a searched emoji in a skin tone, and complete :thumbs in the composer; the other user sees both', async ({ createUser, launchDesktop }) => {
  test.setTimeout(120_000);
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  await a.createRoom('general', [bob.id]);
  await openRoomFromSidebar(a.page, 'general');
  await openRoomFromSidebar(b.page, 'general');

  await sendFromComposer(a.page, 'The release is out');
  const row = messageRow(b.page, 'The release is out');
  await expect(row).toBeVisible();

  // Bob opens the picker from the toolbar and searches.
  await row.hover();
  await row.getByRole('button', { name: 'More reactions' }).click();
  const picker = b.page.getByRole('dialog', { name: 'Choose a reaction' });
  await expect(picker.getByRole('tablist', { name: 'Emoji categories' })).toBeVisible();
  await expect(picker.getByRole('searchbox', { name: 'Search emoji' })).toBeFocused();
  await picker.getByRole('searchbox', { name: 'Search emoji' }).fill('rocket');
  await expect(picker.getByRole('grid', { name: 'Search results' }).getByRole('button').first()).toHaveAccessibleName('rocket');
  await expectNoSeriousA11yViolations(b.page);
  await screenshot(b.page, 'emoji-picker');
  await picker.getByRole('grid', { name: 'Search results' }).getByRole('button', { name: 'rocket', exact: true }).click();
  await expect(picker).toBeHidden();
  await expect(messageRow(a.page, 'The release is out').getByRole('button', { name: /🚀 1/ })).toBeVisible();

  // A skin tone: the server takes the toned emoji as one reaction too.
  await row.hover();
  await row.getByRole('button', { name: 'More reactions' }).click();
  await picker.getByRole('button', { name: /^Skin tone/ }).click();
  await picker.getByRole('radio', { name: 'Medium skin tone' }).click();
  await picker.getByRole('searchbox', { name: 'Search emoji' }).fill('thumbs up');
  await picker.getByRole('grid', { name: 'Search results' }).getByRole('button', { name: 'thumbs up', exact: true }).click();
  await expect(messageRow(a.page, 'The release is out').getByRole('button', { name: /👍🏽 1/ })).toBeVisible();

  // The recently used row remembers both, newest first.
  await row.hover();
  await row.getByRole('button', { name: 'More reactions' }).click();
  await expect(picker.getByRole('grid', { name: 'Recently used' }).getByRole('button')).toHaveText(['👍🏽', '🚀']);
  await b.page.keyboard.press('Escape');
  await expect(picker).toBeHidden();

  // :thumbs in the composer opens the completion list; Enter picks (in Bob's skin tone).
  await composer(b.page).click();
  await composer(b.page).pressSequentially('Nice work :thumbs', { delay: 20 });
  const list = b.page.getByRole('listbox', { name: 'Emoji' });
  await expect(list.getByRole('option').first()).toContainText(':thumbsup:');
  await expect(composer(b.page)).toHaveAttribute('aria-activedescendant', /.+/);
  await expectNoSeriousA11yViolations(b.page);
  await screenshot(b.page, 'shortcode-autocomplete');
  await composer(b.page).press('Enter');
  await expect(list).toBeHidden();
  await expect(composer(b.page)).toHaveValue('Nice work 👍🏽');
  await composer(b.page).pressSequentially(' :tada:', { delay: 20 });
  await expect(composer(b.page)).toHaveValue('Nice work 👍🏽 🎉');
  await composer(b.page).press('Enter');
  await expect(messageRow(a.page, 'Nice work')).toContainText('Nice work 👍🏽 🎉');
});
