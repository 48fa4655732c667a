import type { BrowserWindow } from 'electron';

/**
 * Events reach the page only while it exists: after the window (or its
 * renderer) is destroyed, webContents.send would throw "Object has been destroyed".
 */
export function sendToWindow(window: BrowserWindow | null, channel: string, payload: unknown): boolean {
  if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return false;
  window.webContents.send(channel, payload);
  return true;
}
