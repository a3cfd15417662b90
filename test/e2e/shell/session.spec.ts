import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '../../harness/fixtures';
import { SESSION_EXPIRED_REASON } from '../../../main/services/session-service';

test('a token the server refuses signs the user out, saying why', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice');
  const first = await launchDesktop({ profile: 'alice', user: alice });
  const vaultFile = path.join(first.profileDir, 'session.json');
  await first.close();

  // The stored token has expired (or was revoked) while the app was not running.
  const stored = JSON.parse(await readFile(vaultFile, 'utf8')) as { token: string };
  await writeFile(vaultFile, JSON.stringify({ ...stored, token: `${stored.token}expired` }));

  const again = await launchDesktop({ profile: 'alice' });
  await expect.poll(async () => (await again.invokeOk('session:get', {})).status).toBe('signedOut');
  expect(await again.invokeOk('session:get', {})).toMatchObject({ status: 'signedOut', reason: SESSION_EXPIRED_REASON });
  expect(existsSync(vaultFile)).toBe(false);
  expect(again.events().map((e) => e.type)).toContain('session');
  await expect(again.page.getByText(SESSION_EXPIRED_REASON)).toBeVisible();

  // Signing in again works and is remembered.
  await again.signIn(alice);
  expect(existsSync(vaultFile)).toBe(true);
});

test('logging out forgets the token', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice');
  const a = await launchDesktop({ profile: 'alice', user: alice });
  expect(await a.invokeOk('session:logout', {})).toMatchObject({ status: 'signedOut', reason: null });
  expect(existsSync(path.join(a.profileDir, 'session.json'))).toBe(false);
  await a.waitForConnection('offline');
  expect(await a.invoke('rooms:list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  await a.restart();
  expect(await a.invokeOk('session:get', {})).toMatchObject({ status: 'signedOut' });
});
