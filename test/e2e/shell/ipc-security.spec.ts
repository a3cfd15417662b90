import { test, expect } from '../../harness/fixtures';
import { HARNESS_BINDING } from '../../harness/ipc-wire';

type Raw = (channel: string, args: unknown) => Promise<{ ok: boolean; error?: { code: string; message: string } }>;

test('forged IPC calls are rejected: bad arguments, and a sender that is not the main window', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice');
  const a = await launchDesktop({ profile: 'alice', user: alice });

  // Straight at the IPC channel, bypassing the typed bridge: junk arguments.
  const forged = await a.page.evaluate(async (binding) => {
    const raw = (window as unknown as Record<string, Raw>)[binding]!;
    return Promise.all([
      raw('droplink:invoke:messages:send', { roomId: 'not-a-uuid', body: 42 }),
      raw('droplink:invoke:settings:set', { serverUrl: 'javascript:alert(1)', evil: true }),
      raw('droplink:invoke:shell:open-external', { url: 'file:///etc/passwd' }),
      raw('droplink:invoke:outbox:retry', null),
    ]);
  }, HARNESS_BINDING);
  for (const response of forged) {
    expect(response.ok).toBe(false);
    expect(response.error?.code).toBe('invalid_input');
  }
  expect(a.recorder.externalUrls).toEqual([]);
  // The renderer's typed bridge returns the same envelope, never throws.
  const viaBridge = await a.page.evaluate(() =>
    (window as unknown as { droplink: { invoke(n: string, a: unknown): Promise<unknown> } }).droplink.invoke('messages:send', { roomId: 1 }),
  );
  expect(viaBridge).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

  // Another page (another webContents) with the same preload is not the main window: refused.
  const intruder = await a.page.context().newPage();
  await intruder.goto(`${a.rendererOrigin}/index.html`);
  const fromIntruder = await intruder.evaluate(async (binding) => {
    const raw = (window as unknown as Record<string, Raw>)[binding]!;
    return Promise.all([raw('droplink:invoke:session:get', {}), raw('droplink:invoke:settings:get', {})]);
  }, HARNESS_BINDING);
  for (const response of fromIntruder) expect(response).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  await intruder.close();

  // The main window itself still works.
  expect(await a.invoke('session:get', {})).toMatchObject({ ok: true, value: { status: 'signedIn' } });
});
