import type { Api } from '../../shared/contract';
import { createWebSocketApi, webSocketTargetFromLocation, type ConnectionListener } from './createWebSocketApi';

declare global {
  interface Window {
    api?: Api;
  }
}

/**
 * Electron's preload already put window.api in place; in a browser, build the
 * same object over the web host's WebSocket. Returns null when neither exists.
 */
export function installApi(onConnection: ConnectionListener): Api | null {
  if (window.api) {
    // Electron's IPC has no connection to lose.
    onConnection('open');
    return window.api;
  }
  const target = webSocketTargetFromLocation(window.location);
  if (!target) return null;
  window.api = createWebSocketApi(target, onConnection);
  return window.api;
}
