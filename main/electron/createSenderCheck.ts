import type { IpcMainInvokeEvent } from 'electron';

/**
 * Only the app's own top frame, on the app's own origin (app://qrl-tray-bot),
 * may talk to the engine: not a subframe, not a page on another origin.
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
export function createSenderCheck(origin: string) {
  const trusted = new URL(origin);
  return (event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    try {
      const url = new URL(frame.url);
      // WHATWG gives a custom scheme an opaque origin, so compare its parts.
      return url.protocol === trusted.protocol && url.host === trusted.host && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  };
}
