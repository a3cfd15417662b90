import { expect, test } from '../../harness/fixtures';
import { composer, expectNoSeriousA11yViolations, screenshot } from './chat-helpers';

test('sign up from the sign-in screen, with clear errors on the way', async ({ server, createUser, launchDesktop }) => {
  const taken = await createUser('taken');
  const d = await launchDesktop({ profile: 'newcomer' });
  const page = d.page;

  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Server URL' })).toHaveValue(server.url);
  await screenshot(page, 'login');
  await expectNoSeriousA11yViolations(page);

  // Wrong password.
  await page.getByRole('textbox', { name: 'Username' }).fill(taken.username);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');

  // Username taken.
  await page.getByRole('button', { name: 'Create an account' }).click();
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Username' }).fill(taken.username);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toContainText('already taken');

  // Unreachable server.
  await page.getByRole('textbox', { name: 'Server URL' }).fill('http://127.0.0.1:9');
  const username = `newbie_${Date.now().toString(36)}`;
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  d.answerDialogs(true); // another server than the configured one: main asks first, in a native dialog
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toContainText("Can't reach the Droplink server at http://127.0.0.1:9");
  expect(d.recorder.dialogs).toMatchObject([{ message: 'Switch to the server at http://127.0.0.1:9?', answer: true }]);

  // And finally a real sign-up.
  await page.getByRole('textbox', { name: 'Server URL' }).fill(server.url);
  await page.getByRole('textbox', { name: /Display name/ }).fill('Nora Newcomer');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Nora Newcomer/ })).toBeVisible();

  // Create a first channel through the dialog.
  await page.getByRole('button', { name: 'Create channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a channel' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('welcome');
  await dialog.getByRole('textbox', { name: /Topic/ }).fill('Say hi to everyone');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'welcome' })).toBeVisible();
  await expect(composer(page)).toBeFocused();
  await expect(page.getByText('This is the very beginning of #welcome.')).toBeVisible();
});
