import { expect, test } from '../../harness/fixtures';
import { messageLog, messageRow, openRoomFromSidebar, screenshot, sendFromComposer } from './chat-helpers';
import { gradientPng } from './png';

test('upload an image, see it inline on both sides, open it, react to it', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  await a.createRoom('design', [bob.id]);
  await openRoomFromSidebar(a.page, 'design');
  await openRoomFromSidebar(b.page, 'design');

  await sendFromComposer(b.page, 'Can you share the new **hero** gradient? Also the spec in `hero.md`');
  await a.page.locator('input[type=file]').setInputFiles([
    { name: 'hero-gradient.png', mimeType: 'image/png', buffer: gradientPng(480, 300, [99, 91, 255], [56, 189, 248]) },
    { name: 'hero-notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Hero section notes\n'.repeat(200)) },
  ]);
  const tray = a.page.getByRole('list', { name: 'Attachments' });
  await expect(tray.getByText('hero-gradient.png')).toBeVisible();
  await expect(tray.getByText('hero-notes.txt')).toBeVisible();
  await expect(a.page.getByRole('button', { name: 'Send' })).toBeEnabled();
  await sendFromComposer(a.page, 'Here it is, plus the notes 🎨');

  for (const page of [a.page, b.page]) {
    const image = messageLog(page).getByRole('img', { name: 'hero-gradient.png' });
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
    await expect(messageLog(page).getByText('hero-notes.txt')).toBeVisible();
  }
  // Files come from the window's own origin through main (no token or server origin in the page).
  const href = await messageLog(b.page).getByRole('link', { name: 'Download hero-notes.txt' }).getAttribute('href');
  expect(href?.startsWith(`${b.rendererOrigin}/attachments/`)).toBe(true);
  const download = await b.page.evaluate(async (url) => {
    const response = await fetch(url);
    return { text: await response.text(), disposition: response.headers.get('content-disposition') };
  }, href!);
  expect(download.text).toContain('Hero section notes');
  expect(download.disposition).toMatch(/^attachment/);

  const row = messageRow(b.page, 'Here it is');
  await row.hover();
  await row.getByRole('button', { name: 'React with 🎉' }).click();
  await row.hover();
  await row.getByRole('button', { name: 'React with ❤️' }).click();
  const theirRow = messageRow(a.page, 'Here it is');
  await expect(theirRow.getByRole('button', { name: /🎉 1/ })).toBeVisible();
  await theirRow.getByRole('button', { name: /🎉 1/ }).click();
  await expect(theirRow.getByRole('button', { name: /🎉 2/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(messageRow(b.page, 'Here it is').getByRole('button', { name: /🎉 2/ })).toBeVisible();

  await b.page.mouse.move(0, 0);
  await screenshot(b.page, 'room-images-reactions');

  await messageLog(b.page).getByRole('button', { name: 'Open image hero-gradient.png' }).click();
  const viewer = b.page.getByRole('dialog', { name: 'hero-gradient.png' });
  await expect(viewer.getByRole('img', { name: 'hero-gradient.png' })).toBeVisible();
  await b.page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
});
