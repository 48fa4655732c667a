import path from 'node:path';
import type { Menu as MenuType, MenuItemConstructorOptions, NativeImage, Tray as TrayType } from 'electron';
import type { Snapshot } from '../../../shared/contract';
import { presentTray, type TrayAction, type TrayPresentation } from './presentTray';

export interface TrayDeps {
  Tray: new (image: NativeImage) => TrayType;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): MenuType };
  nativeImage: { createFromPath(path: string): NativeImage };
  platform: NodeJS.Platform;
  /** folder with the state icons (main/electron/assets/tray) */
  iconsDir: string;
  onAction(action: TrayAction): void;
}

/** The tray icon: redrawn from each snapshot, touching Electron only when something changed. */
export class TrayController {
  private readonly tray: TrayType;
  private shown: TrayPresentation | null = null;
  private unseenAlerts = 0;
  private lastSnapshot: Snapshot | null = null;

  constructor(private readonly deps: TrayDeps) {
    this.tray = new deps.Tray(this.image('stopped'));
    this.tray.on('click', () => deps.onAction('open'));
  }

  update(snapshot: Snapshot): void {
    this.lastSnapshot = snapshot;
    const next = presentTray(snapshot, this.unseenAlerts);
    const previous = this.shown;
    if (previous?.icon !== next.icon) this.tray.setImage(this.image(next.icon));
    if (previous?.tooltip !== next.tooltip) this.tray.setToolTip(next.tooltip);
    if (JSON.stringify(previous?.menu) !== JSON.stringify(next.menu)) {
      this.tray.setContextMenu(this.deps.Menu.buildFromTemplate(next.menu.map((item) => this.toMenuItem(item))));
    }
    this.shown = next;
  }

  /** An alert the user has not seen yet turns the icon to "alert" until the window is opened. */
  noteAlert(): void {
    this.unseenAlerts += 1;
    if (this.lastSnapshot) this.update(this.lastSnapshot);
  }

  markAlertsSeen(): void {
    this.unseenAlerts = 0;
    if (this.lastSnapshot) this.update(this.lastSnapshot);
  }

  get presentation(): TrayPresentation | null {
    return this.shown;
  }

  destroy(): void {
    this.tray.destroy();
  }

  private image(state: TrayPresentation['icon']): NativeImage {
    // macOS tints "Template" images for light and dark menu bars; @2x files are picked up by name.
    const file = this.deps.platform === 'darwin' ? `${state}Template.png` : `${state}.png`;
    return this.deps.nativeImage.createFromPath(path.join(this.deps.iconsDir, file));
  }

  private toMenuItem(item: TrayPresentation['menu'][number]): MenuItemConstructorOptions {
    if (item.separator) return { type: 'separator' };
    const action = item.action;
    return {
      label: item.label,
      enabled: item.enabled ?? true,
      click: action ? () => this.deps.onAction(action) : undefined,
    };
  }
}
