import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

const { installAppMenu } = await import('../../../main/electron/app-menu');
const { appMenuTemplate } = await import('../../../main/services/app-menu');

describe('installAppMenu', () => {
  beforeEach(async () => {
    electron.reset();
    await electron.app.emitReady();
  });

  it("replaces Electron's default menu with the template, menu items and clicks intact", () => {
    const openLogsFolder = vi.fn();
    const template = appMenuTemplate({
      platform: 'linux',
      isPackaged: true,
      productName: 'Droplink',
      devTools: false,
      zoom: vi.fn(),
      openLogsFolder,
      copyDiagnostics: vi.fn(),
    });
    installAppMenu(template);
    const menu = electron.module.Menu.getApplicationMenu() as unknown as { items: typeof template };
    expect(menu.items).toEqual(template);
    menu.items.find((item) => item.label === 'Help')?.submenu?.[0]?.click?.();
    expect(openLogsFolder).toHaveBeenCalledOnce();
  });
});
