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
  accelerator?: string;
  enabled?: boolean;
  submenu?: MenuTemplateItem[];
  click?: () => void;
}

export type ZoomDirection = 'in' | 'out' | 'reset';

export interface AppMenuOptions {
  platform: string;
  isPackaged: boolean;
  productName: string;
  /** The developer tools in an installed build (the devTools setting or DROPLINK_DEVTOOLS=1). */
  devTools: boolean;
  /** Zoom goes through main, which remembers the level in the settings. */
  zoom: (direction: ZoomDirection) => void;
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
  // Reload is for development only: in an installed build it would drop the window's state. The
  // developer tools expose the page to whoever sits at the keyboard, so installed builds show them
  // only when the user turned them on.
  const reload: MenuTemplateItem[] = options.isPackaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }];
  const tools: MenuTemplateItem[] = !options.isPackaged || options.devTools ? [{ role: 'toggleDevTools' }] : [];
  const developer = reload.length + tools.length > 0 ? [...reload, ...tools, separator] : [];
  const view: MenuTemplateItem = {
    label: 'View',
    submenu: [
      ...developer,
      { label: 'Actual size', accelerator: 'CommandOrControl+0', click: () => options.zoom('reset') },
      { label: 'Zoom in', accelerator: 'CommandOrControl+Plus', click: () => options.zoom('in') },
      { label: 'Zoom out', accelerator: 'CommandOrControl+-', click: () => options.zoom('out') },
      separator,
      { role: 'togglefullscreen' },
    ],
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
