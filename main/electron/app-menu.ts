import { Menu } from 'electron';
import type { MenuTemplateItem } from '../services/app-menu';

/** Replaces Electron's default menu with Droplink's own (built by services/app-menu.ts). */
export function installAppMenu(template: MenuTemplateItem[]): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
