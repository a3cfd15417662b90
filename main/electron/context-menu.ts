import { clipboard, Menu, type WebContents } from 'electron';
import { contextMenuTemplate } from '../services/context-menu';
import type { Logger } from '../ports';

/** The right-click menu of the window (built by services/context-menu.ts for each click). */
export function installContextMenu(contents: WebContents, options: { devTools: () => boolean; log: Logger }): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(
      params,
      {
        replaceMisspelling: (word) => contents.replaceMisspelling(word),
        addToDictionary: (word) => {
          if (!contents.session.addWordToSpellCheckerDictionary(word)) options.log.warn('spell check: the word could not be added to the dictionary');
        },
        copyText: (text) => void Promise.resolve(clipboard.writeText(text)).catch((err: unknown) => options.log.warn('copy link failed', err)),
        copyImageAt: (x, y) => contents.copyImageAt(x, y),
        inspectAt: (x, y) => contents.inspectElement(x, y),
      },
      { devTools: options.devTools() },
    );
    if (template.length > 0) Menu.buildFromTemplate(template).popup();
  });
}
