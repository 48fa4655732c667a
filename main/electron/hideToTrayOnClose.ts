import type { App, BrowserWindow } from 'electron';

/**
 * Closing the window keeps the bot running in the tray; only Quit (menu,
 * tray or OS shutdown) ends the app.
 */
export function hideToTrayOnClose(app: Pick<App, 'on'>, window: Pick<BrowserWindow, 'on' | 'hide'>): void {
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window.hide();
  });
}
