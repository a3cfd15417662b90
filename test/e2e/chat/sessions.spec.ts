import { expect, test } from '../../harness/fixtures';
import type { DesktopDriver } from '../../harness/desktop-driver';
import { expectNoSeriousA11yViolations } from './chat-helpers';

test.describe.configure({ timeout: 120_000 });

async function openSettings(d: DesktopDriver) {
  await d.page.getByRole('button', { name: /Account menu/ }).click();
  await d.page.getByRole('menuitem', { name: 'Settings' }).click();
  const settings = d.page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  return settings;
}

const signInButton = (d: DesktopDriver) => d.page.getByRole('button', { name: 'Sign in' });

test('a password change in one window signs the other out, which says why; this one stays signed in', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice');
  const laptop = await launchDesktop({ profile: 'laptop', user: alice });
  const phone = await launchDesktop({ profile: 'phone', user: alice });
  await phone.waitForConnection('online');

  const settings = await openSettings(laptop);
  const form = settings.getByRole('form', { name: 'Change password' });
  await expect(form).toBeVisible();
  await expectNoSeriousA11yViolations(laptop.page);

  // Inline errors: a mismatch is caught here, a wrong current password by the server.
  await form.getByLabel('Current password').fill(alice.password);
  await form.getByLabel('New password', { exact: true }).fill('a new passphrase');
  await form.getByLabel('Confirm new password').fill('something else');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toHaveText('The new passwords do not match.');
  await form.getByLabel('Current password').fill('not the password');
  await form.getByLabel('Confirm new password').fill('a new passphrase');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toHaveText('The current password is wrong.');
  await expectNoSeriousA11yViolations(laptop.page);
  await expect(phone.page.getByText('You were signed out')).toHaveCount(0);

  await form.getByLabel('Current password').fill(alice.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status')).toHaveText(/Password changed/);

  await expect(phone.page.getByText('You were signed out because your password was changed on another device.')).toBeVisible();
  await expect(signInButton(phone)).toBeVisible();
  // This window keeps going with the new token.
  await laptop.waitForConnection('online');
  expect((await laptop.invokeOk('session:get', {})).status).toBe('signedIn');
  await laptop.page.keyboard.press('Escape');
  await expect(signInButton(laptop)).toHaveCount(0);
  // The other window signs in with the new password.
  await phone.signIn({ ...alice, password: 'a new passphrase' });
  expect((await phone.invokeOk('session:get', {})).status).toBe('signedIn');
});

test('sign out everywhere returns both windows to sign-in; the other one says why', async ({ createUser, launchDesktop }) => {
  const bob = await createUser('bob');
  const laptop = await launchDesktop({ profile: 'laptop', user: bob });
  const phone = await launchDesktop({ profile: 'phone', user: bob });
  await phone.waitForConnection('online');

  const settings = await openSettings(laptop);
  await settings.getByRole('button', { name: 'Sign out everywhere' }).click();
  const confirm = settings.getByRole('group', { name: 'Confirm signing out everywhere' });
  await expectNoSeriousA11yViolations(laptop.page);
  await confirm.getByRole('button', { name: 'Sign out all devices' }).click();

  await expect(signInButton(laptop)).toBeVisible();
  await expect(laptop.page.getByText('You were signed out')).toHaveCount(0);
  await expect(phone.page.getByText('You were signed out because "Sign out everywhere" was chosen on another device.')).toBeVisible();
  await expect(signInButton(phone)).toBeVisible();
  await expectNoSeriousA11yViolations(phone.page);
});

test('signing out while the server is unreachable still signs out, and says the server was not told', async ({ server, createUser, launchDesktop }) => {
  const carol = await createUser('carol');
  const d = await launchDesktop({ profile: 'carol', user: carol });
  await server.stop();
  await d.waitForConnection('offline');
  await d.page.getByRole('button', { name: /Account menu/ }).click();
  await d.page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(signInButton(d)).toBeVisible();
  await expect(d.page.getByRole('status').filter({ hasText: 'the server could not be told' })).toBeVisible();
  expect((await d.invokeOk('session:get', {})).status).toBe('signedOut');
  await server.start();
});
