import { connect, send } from '../../support/protocol-client';
import { expect, test } from '../../harness/fixtures';
import { messageRow, openRoomFromSidebar } from './chat-helpers';

test('search finds a message across rooms and opens it in context, far back in history', async ({ server, createUser, launchDesktop }) => {
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const helpers = await Promise.all([createUser('h1'), createUser('h2'), createUser('h3')]);
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const busy = await a.createRoom(
    'busy',
    helpers.map((h) => h.id),
  );
  await a.createRoom('quiet');

  const clients = await Promise.all(helpers.map((h) => connect(server, h.token, h.id)));
  await send(clients[0]!, busy.id, 'The launch code word is pineapple-express');
  // Enough newer messages that the match is not in the first page the room loads.
  for (let i = 0; i < 25; i++) await Promise.all(clients.map((c, k) => send(c, busy.id, `chatter ${i}-${k}`)));

  await openRoomFromSidebar(a.page, 'quiet');
  await a.page.keyboard.press('Control+Shift+F');
  const dialog = a.page.getByRole('dialog', { name: 'Search messages' });
  await dialog.getByRole('searchbox', { name: 'Search messages' }).fill('pineapple');
  const result = dialog.getByRole('button', { name: /pineapple-express/ });
  await expect(result).toContainText('in #busy');
  await result.click();

  await expect(a.page.getByRole('heading', { level: 1, name: 'busy' })).toBeVisible();
  const target = messageRow(a.page, 'pineapple-express');
  await expect(target).toBeVisible();
  await expect(target).toHaveClass(/message--highlighted/);
  // Its neighbours in history are there too, so the message is shown in context.
  await expect(messageRow(a.page, 'chatter 0-0')).toBeVisible();
  for (const c of clients) c.socket.disconnect();
});
