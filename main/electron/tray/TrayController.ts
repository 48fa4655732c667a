import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Menu as MenuType, MenuItemConstructorOptions, NativeImage, Tray as TrayType } from 'electron';
import type { Snapshot } from '../../../shared/contract';
import { presentStartingTray, presentTray, type TrayAction, type TrayPresentation } from './presentTray';
import { trayIconRepresentations } from './trayIconRepresentations';

export interface TrayDeps {
  Tray: new (image: NativeImage) => TrayType;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): MenuType };
  nativeImage: { createEmpty(): NativeImage };
  platform: NodeJS.Platform;
  /** folder with the state icons (main/electron/assets/tray) */
  iconsDir: string;
  onAction(action: TrayAction): void;
}

/**
 * The tray icon: "starting" until the engine's first snapshot, then redrawn
 * from each snapshot, touching Electron only when something changed.
 */
export class TrayController {
  private readonly tray: TrayType;
  private shown: TrayPresentation | null = null;
  private shownIcon: TrayPresentation['icon'];
  private unseenAlerts = 0;
  private lastSnapshot: Snapshot | null = null;

  constructor(private readonly deps: TrayDeps) {
    const starting = presentStartingTray();
    this.tray = new deps.Tray(this.image(starting.icon));
    this.shownIcon = starting.icon;
    this.tray.on('click', () => deps.onAction('open'));
    this.show(starting);
  }

  update(snapshot: Snapshot): void {
    this.lastSnapshot = snapshot;
    this.show(presentTray(snapshot, this.unseenAlerts));
  }

  private show(next: TrayPresentation): void {
    const previous = this.shown;
    if (this.shownIcon !== next.icon) {
      this.tray.setImage(this.image(next.icon));
      this.shownIcon = next.icon;
    }
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

  /** One image with a bitmap per size the platform asks for; Electron picks the one for the display's scale. */
  private image(state: TrayPresentation['icon']): NativeImage {
    const image = this.deps.nativeImage.createEmpty();
    const representations = trayIconRepresentations(this.deps.platform, state);
    for (const { file, scaleFactor } of representations) {
      image.addRepresentation({ scaleFactor, buffer: readFileSync(path.join(this.deps.iconsDir, file)) });
    }
    // macOS tints template images for light and dark menu bars.
    if (representations.some((representation) => representation.template)) image.setTemplateImage(true);
    return image;
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
