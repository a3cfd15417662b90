import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, COPY_DIAGNOSTICS_LABEL, OPEN_LOGS_LABEL, type MenuTemplateItem } from '../../../main/services/app-menu';

const build = (platform: string, isPackaged: boolean, devTools = false) => {
  const actions = { openLogsFolder: vi.fn(), copyDiagnostics: vi.fn(), zoom: vi.fn() };
  return { actions, menu: appMenuTemplate({ platform, isPackaged, productName: 'Droplink', devTools, ...actions }) };
};
const roles = (item: MenuTemplateItem | undefined): (string | undefined)[] =>
  (item?.submenu ?? []).filter((entry) => entry.type !== 'separator').map((entry) => entry.role);
const top = (menu: MenuTemplateItem[], label: string): MenuTemplateItem | undefined => menu.find((item) => item.label === label);

describe('appMenuTemplate', () => {
  it('has the app menu first on macOS and a File menu elsewhere', () => {
    expect(build('darwin', true).menu.map((item) => item.label)).toEqual(['Droplink', 'Edit', 'View', 'Window', 'Help']);
    expect(build('darwin', true).menu[0]?.role).toBe('appMenu');
    expect(build('win32', true).menu.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(build('linux', true).menu[0])).toEqual(['quit']);
  });

  it('gives Edit the standard roles, so copy and paste work (on macOS only through the menu)', () => {
    expect(roles(top(build('darwin', true).menu, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll']);
    expect(roles(top(build('linux', true).menu, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });

  it('offers reload and the developer tools only in development runs', () => {
    expect(roles(top(build('linux', false).menu, 'View'))).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      undefined,
      undefined,
      undefined,
      'togglefullscreen',
    ]);
    for (const platform of ['linux', 'win32', 'darwin']) {
      const view = roles(top(build(platform, true).menu, 'View'));
      expect(view).not.toContain('reload');
      expect(view).not.toContain('toggleDevTools');
      expect(view).not.toContain('forceReload');
    }
  });

  it('offers the developer tools (not reload) in an installed build when they are enabled', () => {
    const view = roles(top(build('linux', true, true).menu, 'View'));
    expect(view).toContain('toggleDevTools');
    expect(view).not.toContain('reload');
  });

  it('zooms through main (which remembers the level), with the usual shortcuts', () => {
    const { menu, actions } = build('win32', true);
    const zoom = (top(menu, 'View')?.submenu ?? []).filter((item) => item.click);
    expect(zoom.map((item) => [item.label, item.accelerator])).toEqual([
      ['Actual size', 'CommandOrControl+0'],
      ['Zoom in', 'CommandOrControl+Plus'],
      ['Zoom out', 'CommandOrControl+-'],
    ]);
    for (const item of zoom) item.click?.();
    expect(actions.zoom.mock.calls).toEqual([['reset'], ['in'], ['out']]);
  });

  it('puts Open logs folder and Copy diagnostics under Help, wired to the actions', () => {
    const { menu, actions } = build('linux', true);
    const help = top(menu, 'Help');
    expect(help?.submenu?.map((item) => item.label)).toEqual([OPEN_LOGS_LABEL, COPY_DIAGNOSTICS_LABEL]);
    help?.submenu?.[0]?.click?.();
    expect(actions.openLogsFolder).toHaveBeenCalledOnce();
    expect(actions.copyDiagnostics).not.toHaveBeenCalled();
    help?.submenu?.[1]?.click?.();
    expect(actions.copyDiagnostics).toHaveBeenCalledOnce();
  });
});
