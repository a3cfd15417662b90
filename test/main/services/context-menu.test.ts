import { describe, expect, it, vi } from 'vitest';
import { contextMenuTemplate, type ContextMenuInput } from '../../../main/services/context-menu';

const input = (over: Partial<ContextMenuInput> = {}): ContextMenuInput => ({
  x: 10,
  y: 20,
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
const actions = () => ({ replaceMisspelling: vi.fn(), addToDictionary: vi.fn(), copyText: vi.fn(), copyImageAt: vi.fn(), inspectAt: vi.fn() });
const labels = (items: ReturnType<typeof contextMenuTemplate>) => items.map((item) => item.label ?? item.type);

describe('contextMenuTemplate', () => {
  it('offers spelling suggestions and Add to dictionary on a misspelled word in the composer', () => {
    const a = actions();
    const menu = contextMenuTemplate(
      input({
        isEditable: true,
        misspelledWord: 'helo',
        dictionarySuggestions: ['hello', 'help', 'hell'],
        editFlags: { canCut: true, canCopy: true, canPaste: true, canSelectAll: true },
      }),
      a,
      { devTools: false },
    );
    expect(labels(menu)).toEqual(['hello', 'help', 'hell', 'Add to dictionary', 'separator', 'Cut', 'Copy', 'Paste']);
    menu[1]?.click?.();
    expect(a.replaceMisspelling).toHaveBeenCalledWith('help');
    menu[3]?.click?.();
    expect(a.addToDictionary).toHaveBeenCalledWith('helo');
  });

  it('says when there are no suggestions, and shows at most five', () => {
    expect(labels(contextMenuTemplate(input({ isEditable: true, misspelledWord: 'qwxz' }), actions(), { devTools: false })).slice(0, 2)).toEqual([
      'No spelling suggestions',
      'Add to dictionary',
    ]);
    const many = contextMenuTemplate(input({ isEditable: true, misspelledWord: 'x', dictionarySuggestions: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }), actions(), {
      devTools: false,
    });
    expect(labels(many).slice(0, 6)).toEqual(['a', 'b', 'c', 'd', 'e', 'Add to dictionary']);
  });

  it('enables cut, copy and paste by the edit flags', () => {
    const menu = contextMenuTemplate(input({ isEditable: true, editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true } }), actions(), {
      devTools: false,
    });
    expect(menu.map((item) => [item.role, item.enabled])).toEqual([
      ['cut', false],
      ['copy', false],
      ['paste', true],
    ]);
  });

  it('offers Copy on selected message text, Copy link on links and Copy image on images', () => {
    const a = actions();
    const menu = contextMenuTemplate(
      input({
        selectionText: 'some text',
        linkURL: 'https://example.com/x',
        mediaType: 'image',
        srcURL: 'app://droplink/attachments/1',
        editFlags: { canCut: false, canCopy: true, canPaste: false, canSelectAll: true },
      }),
      a,
      { devTools: false },
    );
    expect(labels(menu)).toEqual(['Copy', 'separator', 'Copy link', 'separator', 'Copy image']);
    menu[2]?.click?.();
    expect(a.copyText).toHaveBeenCalledWith('https://example.com/x');
    menu[4]?.click?.();
    expect(a.copyImageAt).toHaveBeenCalledWith(10, 20);
  });

  it('offers no Copy link for other schemes, and nothing at all on a blank spot', () => {
    expect(contextMenuTemplate(input({ linkURL: 'javascript:alert(1)' }), actions(), { devTools: false })).toEqual([]);
    expect(contextMenuTemplate(input(), actions(), { devTools: false })).toEqual([]);
  });

  it('has Inspect element only when the developer tools are enabled', () => {
    const a = actions();
    expect(labels(contextMenuTemplate(input({ selectionText: 'x' }), a, { devTools: false }))).not.toContain('Inspect element');
    const menu = contextMenuTemplate(input(), a, { devTools: true });
    expect(labels(menu)).toEqual(['Inspect element']);
    menu[0]?.click?.();
    expect(a.inspectAt).toHaveBeenCalledWith(10, 20);
  });
});
