import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConfirmRequest } from '../../../main/ports';

const electron = vi.hoisted(() => ({
  shown: [] as unknown[][],
  response: 0,
  window: { id: 'main-window' },
  contents: new Map<number, { id: number }>(),
}));
vi.mock('electron', () => ({
  dialog: {
    showMessageBox: async (...args: unknown[]) => {
      electron.shown.push(args);
      return { response: electron.response, checkboxChecked: false };
    },
  },
  webContents: { fromId: (id: number) => electron.contents.get(id) },
  BrowserWindow: { fromWebContents: (contents: { id: number }) => (contents.id === 7 ? electron.window : null) },
}));

const { electronDialog } = await import('../../../main/electron/dialog-adapter');

const REQUEST: ConfirmRequest = {
  severity: 'warning',
  title: 'Unencrypted connection',
  message: 'http://example.test does not use HTTPS.',
  detail: 'Your password would travel in clear text.',
  confirmLabel: 'Connect without encryption',
  cancelLabel: 'Cancel',
};

beforeEach(() => {
  electron.shown.length = 0;
  electron.contents.set(7, { id: 7 });
});

describe('electronDialog', () => {
  it('shows a native message box modal to the main window, Cancel as default and Escape answer', async () => {
    electron.response = 0;
    expect(await electronDialog({ webContentsId: () => 7 }).confirm(REQUEST)).toBe(true);
    expect(electron.shown).toEqual([
      [
        electron.window,
        {
          type: 'warning',
          title: REQUEST.title,
          message: REQUEST.message,
          detail: REQUEST.detail,
          buttons: ['Connect without encryption', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
          noLink: true,
        },
      ],
    ]);
  });

  it('answers false for Cancel (or Escape) and uses the question icon for plain questions', async () => {
    electron.response = 1;
    expect(await electronDialog({ webContentsId: () => 7 }).confirm({ ...REQUEST, severity: 'question' })).toBe(false);
    expect((electron.shown[0]?.[1] as { type: string }).type).toBe('question');
  });

  it('without a window it is an app-modal box', async () => {
    electron.response = 0;
    await electronDialog({ webContentsId: () => null }).confirm(REQUEST);
    expect(electron.shown[0]).toHaveLength(1);
  });
});
