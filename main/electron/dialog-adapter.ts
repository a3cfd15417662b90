import { BrowserWindow, dialog, webContents, type MessageBoxOptions } from 'electron';
import type { DialogPort, WindowPort } from '../ports';

const CONFIRM = 0;
const CANCEL = 1;

/** Native message boxes, modal to the main window when it exists; Cancel is the default and the Escape answer. */
export function electronDialog(mainWindow: Pick<WindowPort, 'webContentsId'>): DialogPort {
  return {
    async confirm(request) {
      const options: MessageBoxOptions = {
        type: request.severity === 'warning' ? 'warning' : 'question',
        title: request.title,
        message: request.message,
        detail: request.detail,
        buttons: [request.confirmLabel, request.cancelLabel],
        defaultId: CANCEL,
        cancelId: CANCEL,
        noLink: true,
      };
      const id = mainWindow.webContentsId();
      const contents = id === null ? undefined : webContents.fromId(id);
      const parent = contents ? BrowserWindow.fromWebContents(contents) : null;
      const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return response === CONFIRM;
    },
  };
}
