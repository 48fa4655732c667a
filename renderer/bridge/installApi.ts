import type { Api } from '../../shared/contract';
import { createWebSocketApi, webSocketUrlFromLocation } from './createWebSocketApi';

declare global {
  interface Window {
    api?: Api;
  }
}

/**
 * Electron's preload already put window.api in place; in a browser, build the
 * same object over the web host's WebSocket. Returns null when neither exists.
 */
export function installApi(): Api | null {
  if (window.api) return window.api;
  const socketUrl = webSocketUrlFromLocation(window.location);
  if (!socketUrl) return null;
  window.api = createWebSocketApi(socketUrl);
  return window.api;
}
