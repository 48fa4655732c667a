import type { IpcMainInvokeEvent } from 'electron';

/**
 * Only the app's own top frame, loaded from the app's own renderer file, may
 * talk to the engine: not a subframe, not a page it navigated to.
 */
export function createSenderCheck(rendererUrl: string) {
  const trusted = new URL(rendererUrl);
  return (event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    try {
      const url = new URL(frame.url);
      return url.protocol === trusted.protocol && url.host === trusted.host && url.pathname === trusted.pathname;
    } catch {
      return false;
    }
  };
}
