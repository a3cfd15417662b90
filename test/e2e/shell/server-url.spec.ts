import { test, expect, type DesktopDriver } from '../../harness/fixtures';

async function openSettings(driver: DesktopDriver) {
  await driver.page.getByRole('button', { name: /Account menu/ }).click();
  await driver.page.getByRole('menuitem', { name: 'Settings' }).click();
  const dialog = driver.page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return { dialog, field: dialog.getByRole('textbox', { name: /Server URL/ }) };
}

const savedServerUrl = async (driver: DesktopDriver) => (await driver.invokeOk('settings:get', {})).serverUrl;

test('server URLs: javascript: is refused with a message, plain http asks with a warning, switching asks', async ({ server, createUser, launchDesktop }) => {
  const alice = await createUser('alice');
  const a = await launchDesktop({ profile: 'alice', user: alice });
  // Signing in to the configured loopback server asks nothing.
  expect(a.recorder.dialogs).toEqual([]);
  const { dialog, field } = await openSettings(a);

  // javascript: — refused in the form, with the reason, and by main for a forged call.
  await field.fill('javascript:alert(1)');
  await field.press('Tab');
  await expect(dialog.getByRole('alert')).toHaveText(/must start with https:\/\//);
  const forged = await a.invoke('settings:set', { serverUrl: 'javascript:alert(1)' });
  expect(forged).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/must start with https:\/\//) } });
  expect(await savedServerUrl(a)).toBe(server.url);
  expect(a.recorder.dialogs).toEqual([]);

  // http://example.test, declined: a clear-text warning in a native dialog, and nothing changes.
  a.answerDialogs(false);
  await field.fill('http://example.test');
  await expect(dialog.getByText(/Not encrypted: your password would be sent in clear text/)).toBeVisible();
  await field.press('Tab');
  await expect(dialog.getByRole('alert')).toHaveText('The server was not changed.');
  await expect(field).toHaveValue(server.url);
  expect(await savedServerUrl(a)).toBe(server.url);
  expect(a.recorder.dialogs).toHaveLength(1);
  expect(a.recorder.dialogs[0]).toMatchObject({
    severity: 'warning',
    title: 'Unencrypted connection',
    message: expect.stringContaining('http://example.test'),
    detail: expect.stringMatching(/password and your sign-in token would travel over the network in clear text/),
    answer: false,
  });

  // ...accepted: saved.
  a.answerDialogs(true);
  await field.fill('http://example.test');
  await field.press('Tab');
  await expect.poll(() => savedServerUrl(a)).toBe('http://example.test');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  expect(a.recorder.dialogs).toHaveLength(2);

  // Switching back to the (loopback) harness server: asked as a switch; declined keeps the current one.
  a.answerDialogs(false);
  await field.fill(server.url);
  await field.press('Tab');
  await expect(dialog.getByRole('alert')).toHaveText('The server was not changed.');
  expect(await savedServerUrl(a)).toBe('http://example.test');
  expect(a.recorder.dialogs[2]).toMatchObject({
    severity: 'question',
    message: `Switch to the server at ${server.url}?`,
    detail: expect.stringContaining('http://example.test'),
  });
  a.answerDialogs(true);
  await field.fill(server.url);
  await field.press('Tab');
  await expect.poll(() => savedServerUrl(a)).toBe(server.url);
  expect(a.recorder.dialogs.map((d) => d.answer)).toEqual([false, true, false, true]);
});

test('signing in to a different server asks first; declined, nothing is sent and the form says why', async ({ server, createUser, launchDesktop }) => {
  const alice = await createUser('alice');
  const a = await launchDesktop({ profile: 'alice', user: alice });
  await a.invokeOk('session:logout', {});
  const form = a.page.getByRole('form', { name: 'Sign in' });
  await expect(form).toBeVisible();

  await form.getByRole('textbox', { name: 'Server URL' }).fill('https://chat.example.test');
  await form.getByRole('textbox', { name: 'Username' }).fill(alice.username);
  await form.getByLabel('Password').fill(alice.password);
  a.answerDialogs(false);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toHaveText(/did not confirm the server https:\/\/chat\.example\.test/);
  expect(a.recorder.dialogs).toEqual([
    expect.objectContaining({
      severity: 'question',
      message: 'Switch to the server at https://chat.example.test?',
      detail: expect.stringContaining(server.url),
      answer: false,
    }),
  ]);
  expect(await savedServerUrl(a)).toBe(server.url);

  // A bad URL never gets as far as a dialog.
  await form.getByRole('textbox', { name: 'Server URL' }).fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toHaveText(/must start with https:\/\//);
  expect(a.recorder.dialogs).toHaveLength(1);

  // Back on the configured server: no question, signed in.
  await form.getByRole('textbox', { name: 'Server URL' }).fill(server.url);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await a.waitForConnection('online');
  expect(a.recorder.dialogs).toHaveLength(1);
});
