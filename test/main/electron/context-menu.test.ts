import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

const { installContextMenu } = await import('../../../main/electron/context-menu');

type Item = { label?: string; role?: string; click?: () => void };
const params = (over: Record<string, unknown> = {}) => ({
  x: 5,
  y: 6,
  isEditable: false,
  selectionText: '',
  misspelledWord: '',
  dictionarySuggestions: [],
  linkURL: '',
  mediaType: 'none',
  srcURL: '',
  editFlags: { canCut: false, canCopy: false, canPaste: false, canSelectAll: true },
  ...over,
});

describe('installContextMenu', () => {
  beforeEach(async () => {
    electron.reset();
    await electron.app.emitReady();
  });

  function setUp(devTools = false) {
    const win = new electron.module.BrowserWindow({});
    installContextMenu(win.webContents as never, { devTools: () => devTools, log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } });
    const rightClick = (over: Record<string, unknown>): Item[] => {
      electron.state.lastPopup = null;
      win.webContents.emit('context-menu', {}, params(over));
      const popup = electron.state.lastPopup as { items: unknown[] } | null;
      return (popup?.items ?? []) as Item[];
    };
    return { contents: win.webContents, rightClick };
  }

  it('pops up spelling suggestions that replace the word, and adds words to the dictionary of the session', () => {
    const { contents, rightClick } = setUp();
    const items = rightClick({ isEditable: true, misspelledWord: 'helo', dictionarySuggestions: ['hello'] });
    items.find((item) => item.label === 'hello')?.click?.();
    items.find((item) => item.label === 'Add to dictionary')?.click?.();
    expect(contents.replacedMisspellings).toEqual(['hello']);
    expect(electron.module.session.defaultSession.dictionaryWords).toEqual(['helo']);
  });

  it('copies links to the clipboard and images at the click', async () => {
    const { contents, rightClick } = setUp();
    const items = rightClick({ linkURL: 'https://example.com/', mediaType: 'image', srcURL: 'app://droplink/attachments/a' });
    items.find((item) => item.label === 'Copy link')?.click?.();
    items.find((item) => item.label === 'Copy image')?.click?.();
    expect(await electron.module.clipboard.readText()).toBe('https://example.com/');
    expect(contents.copiedImagesAt).toEqual([{ x: 5, y: 6 }]);
  });

  it('shows nothing on a blank spot, and Inspect element only with the developer tools', () => {
    expect(setUp(false).rightClick({})).toEqual([]);
    const { contents, rightClick } = setUp(true);
    rightClick({})
      .find((item) => item.label === 'Inspect element')
      ?.click?.();
    expect(contents.inspectedAt).toEqual([{ x: 5, y: 6 }]);
  });
});
