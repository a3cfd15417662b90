import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test as base } from '../../harness/fixtures';
import { expectNoSeriousA11yViolations, messageLog, messageRow, openRoomFromSidebar, roomNav, screenshot, sendFromComposer } from './chat-helpers';
import { gradientPng } from './png';

/** A page for the server to preview, on loopback: allowed for this test's server only, through LINK_PREVIEW_ALLOW. */
const ARTICLE_HTML = `<!doctype html><html><head>
<title>Fallback title</title>
<meta property="og:title" content="Field notes: shipping the desktop app">
<meta property="og:description" content="How the team moved chat to the desktop, one small file at a time.">
<meta property="og:site_name" content="Droplink Journal">
<meta property="og:image" content="/cover.png">
</head><body><p>The article.</p></body></html>`;

const test = base.extend<{ pageServer: { port: number; url: string } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; this one has none
  pageServer: async ({}, use) => {
    const cover = gradientPng(400, 240, [244, 114, 182], [99, 102, 241]);
    const server: Server = createServer((req, res) => {
      if (req.url === '/article') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE_HTML);
      if (req.url === '/cover.png') return void res.writeHead(200, { 'content-type': 'image/png', 'content-length': cover.length }).end(cover);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await use({ port, url: `http://127.0.0.1:${port}` });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
  serverEnv: async ({ pageServer }, use) => use({ LINK_PREVIEW_ALLOW: `127.0.0.1:${pageServer.port}` }),
});

test('rename, invite, members, remove, avatar and link preview between two people', async ({ createUser, launchDesktop, pageServer }) => {
  test.setTimeout(120_000);
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });

  // Alice creates a channel (she is its admin) and invites Bob from the room's menu.
  await a.createRoom('plans');
  await openRoomFromSidebar(a.page, 'plans');
  await a.page.getByRole('button', { name: 'Room options' }).click();
  await a.page.getByRole('menuitem', { name: 'Invite people' }).click();
  const invite = a.page.getByRole('dialog', { name: /Invite people to plans/ });
  await invite.getByRole('searchbox').fill(bob.username);
  await invite.getByRole('button', { name: /Bob Baker/ }).click();
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(invite).toBeHidden();
  await expect(roomNav(b.page).getByRole('button', { name: /^plans\b/ })).toBeVisible();

  // Rename and set the topic; Bob's window follows.
  await a.page.getByRole('button', { name: 'Room options' }).click();
  await a.page.getByRole('menuitem', { name: 'Edit channel details' }).click();
  const details = a.page.getByRole('dialog', { name: 'Channel details' });
  await details.getByRole('textbox', { name: 'Name' }).fill('plans-2026');
  await details.getByRole('textbox', { name: /Topic/ }).fill('Roadmap and launch dates');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(a.page.getByRole('heading', { level: 1, name: 'plans-2026' })).toBeVisible();
  await expect(roomNav(b.page).getByRole('button', { name: /^plans-2026\b/ })).toBeVisible();
  await openRoomFromSidebar(b.page, 'plans-2026');
  await expect(b.page.locator('.room-header__topic')).toHaveText('Roadmap and launch dates');
  // Bob is not an admin: no rename for him.
  await b.page.getByRole('button', { name: 'Room options' }).click();
  await expect(b.page.getByRole('menuitem', { name: 'Invite people' })).toBeVisible();
  await expect(b.page.getByRole('menuitem', { name: 'Edit channel details' })).toHaveCount(0);
  await b.page.keyboard.press('Escape');

  // The member list: presence, the admin badge, and an admin's controls.
  await a.page.getByRole('button', { name: '2 members' }).click();
  const members = a.page.getByRole('dialog', { name: 'Members of #plans-2026' });
  await expect(members.getByRole('listitem', { name: 'Alice Archer (you), admin, Online' })).toBeVisible();
  await expect(members.getByRole('listitem', { name: 'Bob Baker, Online' })).toBeVisible();
  await expectNoSeriousA11yViolations(a.page);
  await screenshot(a.page, 'member-list');

  // Remove Bob (after confirming): the room leaves his window.
  await members.getByRole('button', { name: 'Remove Bob Baker from the room' }).click();
  await a.page.getByRole('dialog', { name: 'Remove Bob Baker?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(a.page.getByRole('dialog', { name: 'Members of #plans-2026' }).getByRole('listitem')).toHaveCount(1);
  await expect(roomNav(b.page).getByRole('button', { name: /^plans-2026\b/ })).toHaveCount(0);
  await expect(b.page.getByRole('heading', { level: 1, name: 'plans-2026' })).toHaveCount(0);
  await a.page.keyboard.press('Escape');

  // A room they share, then Alice changes her picture: it shows up in Bob's timeline.
  await a.createRoom('avatars', [bob.id]);
  await openRoomFromSidebar(a.page, 'avatars');
  await openRoomFromSidebar(b.page, 'avatars');
  await sendFromComposer(a.page, 'New picture coming up');
  const aliceRowAtBob = messageRow(b.page, 'New picture coming up');
  await expect(aliceRowAtBob).toBeVisible();
  await expect(aliceRowAtBob.locator('.avatar img')).toHaveCount(0);

  await a.page.getByRole('button', { name: /Account menu/ }).click();
  await a.page.getByRole('menuitem', { name: 'Edit profile' }).click();
  const profile = a.page.getByRole('dialog', { name: 'Your profile' });
  await profile
    .getByLabel('Choose a picture')
    .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: gradientPng(640, 480, [56, 189, 248], [34, 197, 94]) });
  await expect(profile.getByRole('button', { name: 'Remove picture' })).toBeVisible({ timeout: 15_000 });
  const ownAvatar = profile.locator('.avatar img');
  await expect.poll(() => ownAvatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
  await expectNoSeriousA11yViolations(a.page);
  await screenshot(a.page, 'profile-dialog');
  await a.page.keyboard.press('Escape');

  const avatarAtBob = aliceRowAtBob.locator('.avatar img');
  await expect(avatarAtBob).toHaveCount(1);
  await expect.poll(() => avatarAtBob.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
  expect(await avatarAtBob.getAttribute('src')).toMatch(new RegExp(`^${b.rendererOrigin}/attachments/avatars/${alice.id}/\\d+$`));

  // A link to the test's page: the server fetches it and both windows show the card.
  const link = `${pageServer.url}/article`;
  await sendFromComposer(a.page, `Worth a read: ${link}`);
  for (const page of [a.page, b.page]) {
    const card = messageRow(page, 'Worth a read').locator('.link-preview');
    await expect(card.getByRole('link', { name: 'Field notes: shipping the desktop app' })).toBeVisible({ timeout: 20_000 });
    await expect(card.getByText('Droplink Journal')).toBeVisible();
    await expect(card.getByText('How the team moved chat to the desktop, one small file at a time.')).toBeVisible();
    const image = card.locator('.link-preview__image');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await image.getAttribute('src')).toMatch(/\/attachments\/previews\/[0-9a-f-]{36}$/);
  }
  await expect(messageRow(b.page, 'Worth a read').getByRole('button', { name: /Remove preview/ })).toHaveCount(0);
  await b.page.mouse.move(0, 0);
  await screenshot(b.page, 'link-preview');

  // The link opens through main's checked openExternal.
  await messageRow(b.page, 'Worth a read').locator('.link-preview').getByRole('link').click();
  await expect.poll(() => b.recorder.externalUrls).toContain(link);

  // The sender removes the preview: gone in both windows.
  await messageRow(a.page, 'Worth a read').getByRole('button', { name: 'Remove preview of Field notes: shipping the desktop app' }).click();
  for (const page of [a.page, b.page]) await expect(messageRow(page, 'Worth a read').locator('.link-preview')).toHaveCount(0);
  await expect(messageLog(b.page).getByText('Worth a read')).toBeVisible();
});
