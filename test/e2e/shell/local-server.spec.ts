import { test, expect } from '../../harness/fixtures';

// The harness server runs as the app's local server does: CLIENT_SECRET and ALLOWED_HOSTS=self.
// The app's local server port hands main its URL and secret, as main/electron/local-server.ts does.
test.use({ serverAsLocal: true });

test('with no server URL set, the app creates an account on its local server and connects', async ({ launchDesktop }) => {
  const desktop = await launchDesktop({ profile: 'alice', settings: { serverUrl: '' } });
  const state = await desktop.invokeOk('session:register', { serverUrl: '', username: `local_${Date.now().toString(36)}`, password: 'correct horse battery' });
  expect(state).toMatchObject({ status: 'signedIn', serverUrl: '' });
  await desktop.waitForConnection('online');
  expect(await desktop.invoke('rooms:list', {})).toMatchObject({ ok: true });
});

test('a user signs in on the local server again after a restart', async ({ createUser, launchDesktop }) => {
  const bob = await createUser('bob');
  const desktop = await launchDesktop({ profile: 'bob', settings: { serverUrl: '' } });
  await desktop.invokeOk('session:login', { serverUrl: '', username: bob.username, password: bob.password });
  await desktop.waitForConnection('online');
  await desktop.restart();
  await desktop.waitForConnection('online');
});

test('the local server refuses the same app when it is reached by its typed URL (no secret is sent there)', async ({ createUser, launchDesktop, server }) => {
  const carol = await createUser('carol');
  const desktop = await launchDesktop({ profile: 'carol' });
  const response = await desktop.invoke('session:login', { serverUrl: server.url, username: carol.username, password: carol.password });
  expect(response).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});
