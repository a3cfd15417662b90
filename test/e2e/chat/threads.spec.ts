import { expect, test } from '../../harness/fixtures';
import { expectNoSeriousA11yViolations, messageLog, messageRow, openRoomFromSidebar, screenshot, sendFromComposer } from './chat-helpers';

// Two desktops and a server (and the fixtures' sign-ups) on a machine other work shares.
test.describe.configure({ timeout: 120_000 });

test('threads: a reply in a thread reaches the other user in the pane and updates the root summary', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  await a.createRoom('general', [bob.id]);
  await openRoomFromSidebar(a.page, 'general');
  await openRoomFromSidebar(b.page, 'general');

  await sendFromComposer(a.page, 'Release plan for Friday');
  const bobsRoot = messageRow(b.page, 'Release plan for Friday');
  await expect(bobsRoot).toBeVisible();

  // Bob replies in a thread from the message's actions.
  await bobsRoot.focus(); // the toolbar shows while the row has focus (hover is lost as the list moves)
  await bobsRoot.getByRole('button', { name: 'Reply in thread' }).click();
  const bobsPane = b.page.getByRole('complementary', { name: /Thread/ });
  await expect(bobsPane.getByText('Release plan for Friday')).toBeVisible();
  await bobsPane.getByRole('textbox', { name: 'Reply' }).fill('I can take the changelog');
  await bobsPane.getByRole('textbox', { name: 'Reply' }).press('Enter');
  await expect(bobsPane.getByRole('log', { name: 'Replies in thread' }).getByText('I can take the changelog')).toBeVisible();

  // Alice sees the summary on the root, not the reply in the timeline, and opens the thread.
  const alicesRoot = messageRow(a.page, 'Release plan for Friday');
  // Alice wrote the root: main counts the thread as having a reply she has not seen, in the summary and the sidebar.
  const summary = alicesRoot.getByRole('button', { name: /1 reply, new.*Open thread/ });
  await expect(summary).toBeVisible();
  await expect(a.page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: /new replies in 1 thread/ })).toBeVisible();
  await expect(messageLog(a.page).getByText('I can take the changelog')).toHaveCount(0);
  await summary.click();
  const alicesPane = a.page.getByRole('complementary', { name: /Thread/ });
  const alicesReplies = alicesPane.getByRole('log', { name: 'Replies in thread' });
  await expect(alicesReplies.getByText('I can take the changelog')).toBeVisible();
  await expect(alicesRoot.getByRole('button', { name: /1 reply, last reply/ })).toBeVisible(); // seen now
  await expect(a.page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: /new replies/ })).toHaveCount(0);

  // A live reply arrives in the open pane on the other side, and both summaries count it.
  await bobsPane.getByRole('textbox', { name: 'Reply' }).fill('And the release notes');
  await bobsPane.getByRole('textbox', { name: 'Reply' }).press('Enter');
  await expect(alicesReplies.getByText('And the release notes')).toBeVisible();
  await expect(alicesRoot.getByRole('button', { name: /2 replies/ })).toBeVisible();
  await expect(alicesPane.getByRole('separator', { name: 'Replies' })).toHaveText('2 replies');

  await expectNoSeriousA11yViolations(a.page);
  await screenshot(a.page, 'thread-pane');

  // Escape closes the pane.
  await alicesPane.getByRole('textbox', { name: 'Reply' }).focus();
  await a.page.keyboard.press('Escape');
  await expect(alicesPane).toHaveCount(0);
});

test('pins: a pinned message shows as pinned for everyone and in the pinned list', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  await a.createRoom('general', [bob.id]);
  await openRoomFromSidebar(a.page, 'general');
  await openRoomFromSidebar(b.page, 'general');

  await sendFromComposer(a.page, 'The wiki lives at wiki.example.com');
  await sendFromComposer(a.page, 'Unrelated chatter');
  const row = messageRow(b.page, 'The wiki lives at');
  await expect(row).toBeVisible();
  await row.focus(); // the toolbar shows while the row has focus (hover is lost as the list moves)
  await row.getByRole('button', { name: 'Pin message' }).click();

  // Both see it marked as pinned, by whom.
  await expect(messageRow(a.page, 'The wiki lives at').getByText('Pinned by Bob Baker')).toBeVisible();
  await expect(row.getByText('Pinned by Bob Baker')).toBeVisible();
  await expect(messageRow(a.page, 'Unrelated chatter').getByText(/Pinned/)).toHaveCount(0);

  // The room header's pinned list has it (and only it); picking it jumps to it.
  await a.page.getByRole('button', { name: 'Pinned messages' }).click();
  const list = a.page.getByRole('dialog', { name: 'Pinned messages' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText('The wiki lives at wiki.example.com');
  await expect(list.getByRole('listitem')).toContainText('Alice Archer');
  await screenshot(a.page, 'pinned-list');
  await list.getByRole('button', { name: /The wiki lives at/ }).click();
  await expect(list).toHaveCount(0);
  await expect(messageRow(a.page, 'The wiki lives at')).toBeVisible();

  // Unpinning takes it off the list.
  const alicesRow = messageRow(a.page, 'The wiki lives at');
  await alicesRow.focus(); // the toolbar shows while the row has focus (hover is lost as the list moves)
  await alicesRow.getByRole('button', { name: 'Unpin message' }).click();
  await expect(row.getByText('Pinned by Bob Baker')).toHaveCount(0);
  await b.page.getByRole('button', { name: 'Pinned messages' }).click();
  await expect(b.page.getByRole('dialog', { name: 'Pinned messages' })).toContainText('Nothing is pinned here yet');
});

test('thread replies notify the thread participants and the people they mention, nobody else', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const carol = await createUser('carol', { displayName: 'Carol Clark' });
  const a = await launchDesktop({ profile: 'alice', user: alice, windowFocused: false });
  const b = await launchDesktop({ profile: 'bob', user: bob, windowFocused: false });
  const c = await launchDesktop({ profile: 'carol', user: carol, windowFocused: false });
  const room = await a.createRoom('general', [bob.id, carol.id]);

  await a.sendViaBridge(room.id, 'Who owns the release?');
  const rootArrived = () => b.events().find((e) => e.type === 'message:new' && e.payload.body === 'Who owns the release?');
  await expect.poll(() => rootArrived() !== undefined).toBe(true);
  const rootEvent = rootArrived()!;
  const rootId = rootEvent.type === 'message:new' ? rootEvent.payload.id : '';
  // Everyone in the room hears of a top-level message.
  await expect.poll(() => c.recorder.notifications.map((n) => n.body)).toEqual(['Who owns the release?']);

  // Bob replies: Alice wrote the root and is notified; Carol takes no part and is not.
  await b.invokeOk('messages:send', { roomId: room.id, body: 'I do', threadRootId: rootId });
  await expect.poll(() => a.recorder.notifications.map((n) => n.body)).toEqual(['I do']);
  expect(a.recorder.notifications[0]).toMatchObject({ title: 'Bob Baker in #general', roomId: room.id });

  // Alice answers: Bob has replied, so he takes part now; a reply that mentions Carol reaches her too.
  await a.invokeOk('messages:send', { roomId: room.id, body: `thanks, and @${carol.username} can review`, threadRootId: rootId });
  await expect.poll(() => b.recorder.notifications.map((n) => n.body)).toContain(`thanks, and @${carol.username} can review`);
  await expect.poll(() => c.recorder.notifications.map((n) => n.body)).toEqual(['Who owns the release?', `thanks, and @${carol.username} can review`]);
  // Bob's "I do" reached Carol's window (as a reply) but never notified her.
  expect(c.events().some((e) => e.type === 'message:new' && e.payload.body === 'I do' && e.payload.threadRootId === rootId)).toBe(true);
});
