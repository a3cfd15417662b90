import path from 'node:path';
import { app, Menu, nativeImage, Tray, type NativeImage } from 'electron';
import type { TrayAction, TrayPort, TrayView } from '../ports';
import { badgeOverlayFile } from '../services/tray-view';
import type { MainWindow } from './main-window';
import { resourcesDir } from './resources-dir';

function trayIcon(kind: TrayView['icon']): NativeImage {
  // macOS wants monochrome template images (the system tints them); @2x files are picked up automatically.
  const mac = process.platform === 'darwin';
  const file = mac ? (kind === 'unread' ? 'trayUnreadTemplate.png' : 'trayTemplate.png') : kind === 'unread' ? 'trayUnread.png' : 'tray.png';
  const image = nativeImage.createFromPath(path.join(resourcesDir(), file));
  if (mac) image.setTemplateImage(true);
  return image;
}

/** Renders the tray view computed by the tray service, and the dock/taskbar badge. */
export function electronTray(window: Pick<MainWindow, 'setOverlayIcon'>): TrayPort {
  let tray: Tray | null = null;
  let onAction: (action: TrayAction) => void = () => undefined;
  const create = (view: TrayView): Tray => {
    const created = new Tray(trayIcon(view.icon));
    if (process.platform !== 'darwin') created.on('click', () => onAction('open'));
    return created;
  };
  return {
    render(view) {
      tray ??= create(view);
      tray.setImage(trayIcon(view.icon));
      tray.setToolTip(view.tooltip);
      tray.setContextMenu(
        Menu.buildFromTemplate(
          view.menu.map((item) => ({
            label: item.label,
            ...(item.checked === undefined ? {} : { type: 'radio' as const, checked: item.checked }),
            click: () => onAction(item.id),
          })),
        ),
      );
      // macOS dock and Unity-style Linux launchers show the count; Windows gets a taskbar overlay icon.
      if (process.platform === 'win32') {
        const file = badgeOverlayFile(view.badgeCount);
        window.setOverlayIcon(file ? nativeImage.createFromPath(path.join(resourcesDir(), file)) : null, view.tooltip);
      } else app.setBadgeCount(view.badgeCount);
    },
    onAction(listener) {
      onAction = listener;
    },
  };
}
