import type { Menu as MenuType, MenuItemConstructorOptions } from 'electron';

export interface ApplicationMenuDeps {
  Menu: { setApplicationMenu(menu: MenuType | null): void; buildFromTemplate(template: MenuItemConstructorOptions[]): MenuType };
  isPackaged: boolean;
  platform: NodeJS.Platform;
}

/**
 * A packaged app has no View menu (no reload, no DevTools shortcut). macOS
 * keeps the app and edit menus, without which Cmd+C/V/Q do nothing; Windows
 * and Linux need no menu bar. Development keeps Electron's default menu.
 */
export function applyApplicationMenu({ Menu, isPackaged, platform }: ApplicationMenuDeps): void {
  if (!isPackaged) return;
  Menu.setApplicationMenu(platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null);
}
