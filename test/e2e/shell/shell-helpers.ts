import type { Message, Room } from '../../../common/protocol';
import { expect, type DesktopDriver } from '../../harness/fixtures';

/** Messages of a room the renderer was given (live and synced), in arrival order. */
export function deliveredMessages(driver: DesktopDriver, roomId: string): Message[] {
  const out: Message[] = [];
  for (const event of driver.events()) {
    if (event.type === 'message:new' && event.payload.roomId === roomId) out.push(event.payload);
    if (event.type === 'messages:synced' && event.payload.roomId === roomId) out.push(...event.payload.messages);
  }
  return out;
}

export const messageBodies = (driver: DesktopDriver, roomId: string): string[] => deliveredMessages(driver, roomId).map((m) => m.body);

const roomNav = (driver: DesktopDriver) => driver.page.getByRole('navigation', { name: 'Rooms' });
export const hasChatUi = (driver: DesktopDriver): Promise<boolean> =>
  roomNav(driver)
    .isVisible()
    .catch(() => false);

/**
 * Opens a room the way the user does (its button in the room list) when the renderer shows one,
 * and tells main which room is on screen (what the renderer does on opening a room).
 */
export async function openRoom(driver: DesktopDriver, room: Room): Promise<void> {
  if (await hasChatUi(driver)) {
    await roomNav(driver)
      .getByRole('button', { name: new RegExp(`^${room.name ?? ''}\\b`) })
      .click();
    await expect(driver.page.getByRole('heading', { level: 1, name: room.name ?? '' })).toBeVisible();
  }
  await driver.focusRoom(room.id);
}

/** Sends through the real composer when the chat UI is there, otherwise through window.droplink. */
export async function sendMessage(driver: DesktopDriver, room: Room, body: string): Promise<void> {
  if (!(await hasChatUi(driver))) {
    await driver.sendViaBridge(room.id, body);
    return;
  }
  await openRoom(driver, room);
  const composer = driver.page.getByRole('textbox', { name: 'Message' });
  await composer.fill(body);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
}
