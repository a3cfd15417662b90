import { expect, test } from '../../harness/fixtures';
import { startTcpProxy } from '../../main/tcp-proxy';
import { messageLog, messageRow, openRoomFromSidebar, sendFromComposer } from './chat-helpers';

const ASLEEP = [1, 2, 3, 4, 5].map((i) => `Sent while Alice slept ${i}`);

test('sleep and wake: a frozen connection is replaced on resume and every message sent meanwhile shows once, in order, within 2 s', async ({
  server,
  createUser,
  launchDesktop,
}) => {
  // Alice's laptop reaches the server through a proxy that can freeze her connection: nothing
  // forwarded, nothing closed, as sleep leaves a socket behind.
  const proxy = await startTcpProxy(server.port);
  try {
    const alice = await createUser('alice', { displayName: 'Alice Archer' });
    const bob = await createUser('bob', { displayName: 'Bob Baker' });
    const a = await launchDesktop({ profile: 'alice', user: alice, serverUrl: proxy.url });
    const b = await launchDesktop({ profile: 'bob', user: bob });
    const room = await b.createRoom('night', [alice.id]);
    await openRoomFromSidebar(a.page, 'night');
    await openRoomFromSidebar(b.page, 'night');
    await sendFromComposer(b.page, 'Good night');
    await expect(messageRow(a.page, 'Good night')).toBeVisible();

    proxy.freeze();
    for (const body of ASLEEP) await b.sendViaBridge(room.id, body);
    for (const body of ASLEEP) await expect(messageRow(b.page, body).locator('[data-state]')).not.toHaveAttribute('data-state', 'pending');
    await a.page.waitForTimeout(1000);
    // Nothing noticed the frozen link: still "online", none of the five arrived.
    expect((await a.invokeOk('connection:get', {})).status).toBe('online');
    await expect(messageRow(a.page, /Sent while Alice slept/)).toHaveCount(0);
    const eventsBefore = a.events().length;

    const resumedAt = Date.now();
    a.systemResume();
    for (const body of ASLEEP) await expect(messageRow(a.page, body)).toHaveCount(1, { timeout: Math.max(1, 2000 - (Date.now() - resumedAt)) });
    expect(Date.now() - resumedAt).toBeLessThan(2000);

    // Main reconnected at once (no backoff, never "offline"), announcing it as a reconnect: the banner's "Reconnecting…".
    const states = a
      .events()
      .slice(eventsBefore)
      .flatMap((e) => (e.type === 'connection' ? [e.payload] : []));
    expect(states[0]).toMatchObject({ status: 'connecting', reason: 'The server did not answer after the system woke up.' });
    expect(states.map((s) => s.status)).toEqual(['connecting', 'online']);

    const texts = await messageLog(a.page).getByRole('article').allInnerTexts();
    const order = ['Good night', ...ASLEEP].map((body) => texts.findIndex((t) => t.includes(body)));
    expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]!))).toBe(true);
    for (const body of ['Good night', ...ASLEEP]) expect(texts.filter((t) => t.includes(body))).toHaveLength(1);

    // And the new connection is live.
    await sendFromComposer(b.page, 'Good morning');
    await expect(messageRow(a.page, 'Good morning')).toHaveCount(1);
  } finally {
    await proxy.close();
  }
});
