import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

const { electronIpc } = await import('../../../main/electron/ipc-adapter');

describe('electronIpc', () => {
  beforeEach(() => void electron.reset());

  it("registers handlers on ipcMain and reports each call's sender (webContents id and frame URL)", async () => {
    const ipc = electronIpc({ send: () => undefined } as never);
    const seen: unknown[] = [];
    ipc.handle('settings:get', async (sender, args) => {
      seen.push({ sender, args });
      return { ok: true };
    });
    await expect(electron.invoke('settings:get', { id: 7, url: 'app://droplink/index.html' }, { a: 1 })).resolves.toEqual({ ok: true });
    expect(seen).toEqual([{ sender: { webContentsId: 7, url: 'app://droplink/index.html' }, args: { a: 1 } }]);
  });

  it('reports an empty URL when the sending frame is gone, so the sender check refuses it', async () => {
    const ipc = electronIpc({ send: () => undefined } as never);
    let url: string | undefined;
    ipc.handle('session:get', async (sender) => {
      url = sender.url;
      return null;
    });
    const handler = electron.state.ipcHandlers.get('session:get')!;
    await handler({ sender: { id: 3 }, senderFrame: null });
    expect(url).toBe('');
  });

  it('sends events through the main window', () => {
    const sent: unknown[] = [];
    electronIpc({ send: (channel: string, payload: unknown) => void sent.push([channel, payload]) } as never).send('droplink:events', [1]);
    expect(sent).toEqual([['droplink:events', [1]]]);
  });
});
