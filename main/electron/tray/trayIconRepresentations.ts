import type { TrayIconState } from './presentTray';

export interface TrayIconRepresentation {
  /** file name in main/electron/assets/tray */
  file: string;
  /** pixels per side */
  size: number;
  /** size / 16: the display scale this bitmap is drawn for */
  scaleFactor: number;
  /** macOS template image: black on transparent, tinted by the menu bar */
  template: boolean;
}

const BASE_SIZE = 16;
// Windows notification area: 16 px at 100 %, 20 at 125 %, 24 at 150 %, 32 at 200 %.
const WINDOWS_SIZES = [16, 20, 24, 32];
// Linux panels ask for 16 to 48 px (GNOME 16/22/24, KDE 22/32, HiDPI 32/48); the host picks the nearest.
const LINUX_SIZES = [16, 22, 24, 32, 48];

/**
 * The bitmaps one tray icon is built from, per platform, so it stays crisp at
 * every panel size and display scale. The generator (main/build/generateTrayIcons.ts)
 * draws exactly these files; the TrayController loads exactly these.
 */
export function trayIconRepresentations(platform: NodeJS.Platform, state: TrayIconState): TrayIconRepresentation[] {
  if (platform === 'darwin') {
    return [
      { file: `${state}Template.png`, size: BASE_SIZE, scaleFactor: 1, template: true },
      { file: `${state}Template@2x.png`, size: BASE_SIZE * 2, scaleFactor: 2, template: true },
    ];
  }
  const sizes = platform === 'win32' ? WINDOWS_SIZES : LINUX_SIZES;
  return sizes.map((size) => ({ file: `${state}-${size}.png`, size, scaleFactor: size / BASE_SIZE, template: false }));
}
