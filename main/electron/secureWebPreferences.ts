import type { WebPreferences } from 'electron';

/**
 * The renderer gets no Node, an isolated world and the Chromium sandbox:
 * https://www.electronjs.org/docs/latest/tutorial/security#checklist-security-recommendations
 */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    // A packaged build has no DevTools: nobody can be talked into pasting code into its console.
    devTools: options.devTools,
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
