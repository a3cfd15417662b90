import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../../harness/fixtures';
import { expectNoSeriousA11yViolations, screenshot } from './chat-helpers';

test.describe.configure({ timeout: 120_000 });

/** HH:MM of this computer's clock, shifted by some minutes (main reads the same clock). */
const localTime = (shiftMinutes: number): string => {
  const at = new Date(Date.now() + shiftMinutes * 60_000);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
};

async function openSettings(page: Page) {
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Records what the window plays instead of playing it (headless Chromium has no speakers). */
async function recordPlayedSounds(page: Page): Promise<void> {
  await page.evaluate(() => {
    const played: string[] = [];
    (window as unknown as { playedSounds: string[] }).playedSounds = played;
    HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
      played.push(this.src);
      return Promise.resolve();
    };
  });
}
/** The switch's input sits under its label, as a custom control: the user clicks the label. */
async function setSwitch(dialog: Locator, name: string | RegExp, on: boolean): Promise<void> {
  const control = dialog.getByRole('switch', { name });
  if ((await control.isChecked()) !== on) await dialog.locator('label', { has: dialog.page().getByRole('switch', { name }) }).click();
  await expect(control).toBeChecked({ checked: on });
}

const playedSounds = (page: Page) => page.evaluate(() => (window as unknown as { playedSounds: string[] }).playedSounds);

test('desktop settings from the dialog reach main: login item and start hidden, zoom, spell check, developer tools', async ({ createUser, launchDesktop }) => {
  const alice = await createUser('alice');
  const a = await launchDesktop({ profile: 'alice', user: alice });
  // At start main applies the stored preferences to the window.
  expect(a.recorder.windowPreferences).toEqual({ zoomLevel: 0, spellcheckLanguages: [], devTools: false });

  const dialog = await openSettings(a.page);
  await expectNoSeriousA11yViolations(a.page);
  const startHidden = dialog.getByRole('switch', { name: /Start hidden/ });
  await expect(startHidden).toBeDisabled(); // only with launch at login
  await setSwitch(dialog, 'Open Droplink at login', true);
  await expect.poll(() => a.recorder.loginItem).toBe(true);
  expect(a.recorder.loginItemHidden).toBe(false);
  await setSwitch(dialog, /Start hidden/, true);
  await expect.poll(() => a.recorder.loginItemHidden).toBe(true);

  await dialog.getByRole('combobox', { name: 'Zoom' }).selectOption({ label: '144 %' });
  await expect.poll(() => a.recorder.windowPreferences?.zoomLevel).toBe(2);

  // Controlled by main's answer: the box turns checked once main saved the setting.
  const languages = dialog.getByRole('group', { name: 'Spell check languages' });
  await languages.getByRole('checkbox', { name: 'German' }).click();
  await expect(languages.getByRole('checkbox', { name: 'German' })).toBeChecked();
  await languages.getByRole('checkbox', { name: 'English (UK)' }).click();
  await expect.poll(() => a.recorder.windowPreferences?.spellcheckLanguages).toEqual(['de', 'en-GB']);
  await languages.getByRole('checkbox', { name: 'German' }).click();
  await expect.poll(() => a.recorder.windowPreferences?.spellcheckLanguages).toEqual(['en-GB']);

  await setSwitch(dialog, /Developer tools/, true);
  await expect.poll(() => a.recorder.windowPreferences?.devTools).toBe(true);
  await expectNoSeriousA11yViolations(a.page);
  await dialog.getByRole('heading', { name: 'Desktop' }).scrollIntoViewIfNeeded();
  await screenshot(a.page, 'settings-desktop');

  // Kept across a restart, and applied again at start.
  await a.restart();
  expect(a.recorder.windowPreferences).toEqual({ zoomLevel: 2, spellcheckLanguages: ['en-GB'], devTools: true });
  expect(await a.invokeOk('settings:get', {})).toMatchObject({ launchAtLogin: true, startHidden: true, zoomLevel: 2 });
  // main validates what the window sends.
  expect((await a.invoke('settings:set', { zoomLevel: 40 })).ok).toBe(false);
  expect((await a.invoke('settings:set', { spellcheckLanguages: ['not a language'] })).ok).toBe(false);
  expect((await a.invoke('settings:set', { dndSchedule: { enabled: true, from: '25:00', to: '09:00', weekends: true, showAsDnd: true } })).ok).toBe(false);
});

test('notification sound and the do-not-disturb schedule: quiet hours silence notifications and show dnd; a bundled sound plays in the window', async ({
  createUser,
  launchDesktop,
}) => {
  const alice = await createUser('alice');
  const bob = await createUser('bob');
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob, windowFocused: false });
  const room = await a.createRoom('general', [bob.id]);

  const dialog = await openSettings(b.page);
  await dialog.getByRole('combobox', { name: 'Notification sound' }).selectOption({ label: 'Chime' });
  await expect.poll(async () => (await b.invokeOk('settings:get', {})).notificationSound).toBe('chime');

  // Quiet hours around now: no notification, and Bob shows as do not disturb (to Alice too).
  await setSwitch(dialog, /Do not disturb on a schedule/, true);
  await dialog.getByLabel('Quiet from').fill(localTime(-60));
  await dialog.getByLabel('Quiet until').fill(localTime(60));
  await setSwitch(dialog, 'All weekend', false);
  await expect
    .poll(async () => (await b.invokeOk('settings:get', {})).dndSchedule)
    .toEqual({ enabled: true, from: localTime(-60), to: localTime(60), weekends: false, showAsDnd: true });
  await expectNoSeriousA11yViolations(b.page);
  await screenshot(b.page, 'settings-dnd-schedule');
  await expect.poll(() => b.recorder.tray?.menu.find((item) => item.checked)?.id).toBe('status:dnd');
  await expect.poll(async () => (await a.invokeOk('users:get', { userIds: [bob.id] })).users[0]?.status).toBe('dnd');

  await a.sendViaBridge(room.id, 'during quiet hours');
  await expect.poll(async () => (await b.invokeOk('rooms:list', {})).rooms.find((r) => r.id === room.id)?.unreadCount).toBe(1);
  expect(b.recorder.notifications).toEqual([]);

  // Off again: back online, and the next message notifies silently while the window plays the chime.
  await recordPlayedSounds(b.page);
  await setSwitch(dialog, /Do not disturb on a schedule/, false);
  await expect.poll(() => b.recorder.tray?.menu.find((item) => item.checked)?.id).toBe('status:online');
  await a.sendViaBridge(room.id, 'after quiet hours');
  await expect.poll(() => b.recorder.notifications.map((n) => [n.body, n.silent, n.sound])).toEqual([['after quiet hours', true, 'chime']]);
  await expect.poll(() => playedSounds(b.page)).toEqual([expect.stringMatching(/chime.*\.wav$/)]);

  // "System default" lets the OS play its own sound; "None" none at all.
  await dialog.getByRole('combobox', { name: 'Notification sound' }).selectOption({ label: 'System default' });
  await expect.poll(async () => (await b.invokeOk('settings:get', {})).notificationSound).toBe('default');
  await a.sendViaBridge(room.id, 'with the system sound');
  await dialog.getByRole('combobox', { name: 'Notification sound' }).selectOption({ label: 'None' });
  await expect.poll(async () => (await b.invokeOk('settings:get', {})).notifications.sound).toBe(false);
  await a.sendViaBridge(room.id, 'without a sound');
  await expect
    .poll(() => b.recorder.notifications.map((n) => [n.body, n.silent, n.sound]))
    .toEqual([
      ['after quiet hours', true, 'chime'],
      ['with the system sound', false, null],
      ['without a sound', true, null],
    ]);
  expect(await playedSounds(b.page)).toHaveLength(1);
});
