import type { MenuTemplateItem } from './app-menu';

/** What Electron's `context-menu` event tells about the click (a subset of ContextMenuParams). */
export interface ContextMenuInput {
  x: number;
  y: number;
  isEditable: boolean;
  selectionText: string;
  misspelledWord: string;
  dictionarySuggestions: readonly string[];
  linkURL: string;
  mediaType: string;
  srcURL: string;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export interface ContextMenuActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
  copyText(text: string): void;
  /** Copies the image at the click (webContents.copyImageAt). */
  copyImageAt(x: number, y: number): void;
  inspectAt(x: number, y: number): void;
}

const separator: MenuTemplateItem = { type: 'separator' };

/** Groups with separators between them; empty groups vanish. */
const joined = (groups: MenuTemplateItem[][]): MenuTemplateItem[] =>
  groups.filter((group) => group.length > 0).flatMap((group, index) => (index === 0 ? group : [separator, ...group]));

/**
 * The window's right-click menu: spelling suggestions and "Add to dictionary" on a misspelled word,
 * cut, copy and paste as far as the click allows, copy link and copy image; "Inspect element" only
 * when the developer tools are enabled. Empty when there is nothing to offer.
 */
export function contextMenuTemplate(input: ContextMenuInput, actions: ContextMenuActions, options: { devTools: boolean }): MenuTemplateItem[] {
  const spelling: MenuTemplateItem[] = [];
  if (input.isEditable && input.misspelledWord) {
    const suggestions = input.dictionarySuggestions.slice(0, 5);
    spelling.push(
      ...(suggestions.length > 0
        ? suggestions.map((word) => ({ label: word, click: () => actions.replaceMisspelling(word) }))
        : [{ label: 'No spelling suggestions', enabled: false }]),
      { label: 'Add to dictionary', click: () => actions.addToDictionary(input.misspelledWord) },
    );
  }
  const hasSelection = input.selectionText.trim().length > 0;
  const edit: MenuTemplateItem[] = [];
  if (input.isEditable) {
    edit.push({ label: 'Cut', role: 'cut', enabled: input.editFlags.canCut });
    edit.push({ label: 'Copy', role: 'copy', enabled: input.editFlags.canCopy });
    edit.push({ label: 'Paste', role: 'paste', enabled: input.editFlags.canPaste });
  } else if (hasSelection) {
    edit.push({ label: 'Copy', role: 'copy', enabled: input.editFlags.canCopy });
  }
  const link: MenuTemplateItem[] = /^(https?|mailto):/i.test(input.linkURL) ? [{ label: 'Copy link', click: () => actions.copyText(input.linkURL) }] : [];
  const image: MenuTemplateItem[] =
    input.mediaType === 'image' && input.srcURL ? [{ label: 'Copy image', click: () => actions.copyImageAt(input.x, input.y) }] : [];
  const developer: MenuTemplateItem[] = options.devTools ? [{ label: 'Inspect element', click: () => actions.inspectAt(input.x, input.y) }] : [];
  return joined([spelling, edit, link, image, developer]);
}
