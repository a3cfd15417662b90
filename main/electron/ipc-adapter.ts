import { ipcMain } from 'electron';
import type { IpcPort } from '../ports';
import type { MainWindow } from './main-window';

/** ipcMain, reporting each call's sender (webContents id + frame URL) for the sender check. */
export function electronIpc(window: MainWindow): IpcPort {
  return {
    handle(channel, handler) {
      ipcMain.handle(channel, (event, args: unknown) => handler({ webContentsId: event.sender.id, url: event.senderFrame?.url ?? '' }, args));
    },
    send: (channel, payload) => window.send(channel, payload),
  };
}
