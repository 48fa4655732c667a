import type { WebPreferences } from 'electron';

/**
 * The renderer gets no Node, an isolated world and the Chromium sandbox:
 * https://www.electronjs.org/docs/latest/tutorial/security#checklist-security-recommendations
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
  };
}
