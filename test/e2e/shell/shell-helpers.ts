import type { Message } from '../../../common/protocol';
import type { DesktopDriver } from '../../harness/fixtures';

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

/**
 * Sends through the real UI when the renderer has a composer for the open room, otherwise
 * through window.droplink (the same IPC path the UI uses).
 */
export async function sendMessage(driver: DesktopDriver, roomId: string, body: string): Promise<void> {
  const composer = driver.page.getByRole('textbox', { name: 'Message' });
  if (await composer.isVisible().catch(() => false)) {
    await driver.focusRoom(roomId);
    await composer.fill(body);
    await composer.press('Enter');
    return;
  }
  await driver.sendViaBridge(roomId, body);
}
