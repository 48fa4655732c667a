import type { IpcRenderer } from 'electron';
import { commandNames, eventNames, type Api, type EventName } from '../../shared/contract';
import { commandChannel, eventChannel } from './ipcChannels';

/**
 * window.api for the renderer: one method per command (never a generic
 * invoke), and `on` for the contract's events only.
 */
export function buildPreloadApi(ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): Api {
  const methods = Object.fromEntries(
    commandNames.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(commandChannel(name), input)]),
  );
  return {
    ...(methods as Omit<Api, 'on'>),
    on(event: EventName, listener: (payload: unknown) => void) {
      if (!eventNames.includes(event)) throw new Error(`Unknown event "${String(event)}".`);
      // Strip Electron's event object: the renderer gets the payload only.
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(eventChannel(event), forward);
      return () => void ipcRenderer.removeListener(eventChannel(event), forward);
    },
  } as Api;
}
