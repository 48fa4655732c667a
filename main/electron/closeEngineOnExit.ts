import type { App, BrowserWindow, PowerMonitor } from 'electron';

interface Preventable {
  preventDefault(): void;
}

export interface ExitDeps {
  app: Pick<App, 'on' | 'quit'>;
  powerMonitor: Pick<PowerMonitor, 'on'>;
  /** stops the engine and flushes the journal; called once whatever ends the app */
  closeEngine(): Promise<void>;
  /** a close that failed: logged, and the app still quits */
  onCloseError(error: unknown): void;
}

/**
 * Quit, log-off and shutdown all close the engine once before the process
 * ends: the first quit is held back until the close settles, then let through.
 */
export function closeEngineOnExit({ app, powerMonitor, closeEngine, onCloseError }: ExitDeps): {
  close(): Promise<void>;
  /** Windows log-off or shutdown arrives as the window's session-end: it cannot be held back, so close as far as it gets. */
  watchSessionEnd(window: Pick<BrowserWindow, 'on'>): void;
} {
  let closing: Promise<void> | null = null;
  let closed = false;
  const close = () =>
    (closing ??= closeEngine()
      .catch(onCloseError)
      .finally(() => {
        closed = true;
      }));
  const closeThenQuit = () => void close().then(() => app.quit());

  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closeThenQuit();
  });
  // Linux and macOS shutdown: preventDefault asks the OS to wait while the engine closes.
  powerMonitor.on('shutdown', ((event?: Preventable) => {
    event?.preventDefault();
    closeThenQuit();
  }) as () => void);
  return { close, watchSessionEnd: (window) => void window.on('session-end', () => void close()) };
}
