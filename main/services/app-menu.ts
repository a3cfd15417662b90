/**
 * The application menu, as a template main/electron/app-menu.ts hands to Electron's Menu. The
 * roles are Electron's own (a subset of MenuItemConstructorOptions['role']), so the OS-standard
 * behaviour comes for free; on macOS the Edit roles are what make copy and paste work at all.
 */
type MenuRole =
  | 'appMenu'
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close'
  | 'window'
  | 'help';

export interface MenuTemplateItem {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  submenu?: MenuTemplateItem[];
  click?: () => void;
}

export interface AppMenuOptions {
  platform: string;
  isPackaged: boolean;
  productName: string;
  openLogsFolder: () => void;
  copyDiagnostics: () => void;
}

export const OPEN_LOGS_LABEL = 'Open logs folder';
export const COPY_DIAGNOSTICS_LABEL = 'Copy diagnostics';

const separator: MenuTemplateItem = { type: 'separator' };

export function appMenuTemplate(options: AppMenuOptions): MenuTemplateItem[] {
  const mac = options.platform === 'darwin';
  const appMenu: MenuTemplateItem[] = mac
    ? [
        {
          label: options.productName,
          role: 'appMenu',
          submenu: [
            { role: 'about' },
            separator,
            { role: 'services' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            { role: 'quit' },
          ],
        },
      ]
    : [{ label: 'File', submenu: [{ role: 'quit' }] }];
  const edit: MenuTemplateItem = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
  // Reload and the developer tools are for development only: in an installed build a reload would
  // drop the window's state and the tools expose the page to whoever sits at the keyboard.
  const developer: MenuTemplateItem[] = options.isPackaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];
  const view: MenuTemplateItem = {
    label: 'View',
    submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }],
  };
  const windowMenu: MenuTemplateItem = {
    label: 'Window',
    role: 'window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const help: MenuTemplateItem = {
    label: 'Help',
    role: 'help',
    submenu: [
      { label: OPEN_LOGS_LABEL, click: options.openLogsFolder },
      { label: COPY_DIAGNOSTICS_LABEL, click: options.copyDiagnostics },
    ],
  };
  return [...appMenu, edit, view, windowMenu, help];
}
