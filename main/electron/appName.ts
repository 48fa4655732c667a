/** The name people see: window title, autostart entry, start-up error dialog (electron-builder.yml productName). */
export const APP_NAME = 'QRL Tray Bot';
/** The package's executable name (electron-builder.yml linux.executableName): names the autostart entry. */
export const APP_ID = 'qrl-tray-bot';
