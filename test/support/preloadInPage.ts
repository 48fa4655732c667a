import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { CommandHandlers } from '../../shared/contract';
import type { BotService } from '../../main/core/bot/BotService';
import { forwardEvents } from '../../main/electron/forwardEvents';
import { createSenderCheck } from '../../main/electron/createSenderCheck';
import { registerIpcHandlers } from '../../main/electron/registerIpcHandlers';
import { FakeIpcMain, ipcEventFrom } from './fakeElectron';

const PRELOAD = path.resolve('dist/electron/preload.cjs');

/**
 * The desktop app's IPC, with Playwright as the wire: the built preload
 * (dist/electron/preload.cjs) runs in the page against a stand-in for
 * `require('electron')`, its invoke calls reach the shell's own
 * registerIpcHandlers (sender check on `trustedOrigin`, payload and answer
 * validation), and engine events come back through its forwardEvents. Returns
 * the contract violations either door reported.
 */
export async function preloadInPage(
  page: Page,
  service: Pick<BotService, 'on'> & { handlers: CommandHandlers },
  options: { trustedOrigin: string; senderUrl: (pageUrl: string) => string },
): Promise<string[]> {
  const violations: string[] = [];
  const reportViolation = (problem: string) => violations.push(problem);
  const ipcMain = new FakeIpcMain();
  registerIpcHandlers(ipcMain as never, service.handlers, createSenderCheck(options.trustedOrigin), reportViolation);
  await page.exposeBinding('__qtbInvoke', async (source, channel: string, input: unknown) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler for ${channel}`);
    return handler(ipcEventFrom(options.senderUrl(source.frame.url()), { subframe: source.frame.parentFrame() !== null }), input);
  });
  const send = (channel: string, payload: unknown) =>
    void page
      .evaluate(([c, value]) => (window as unknown as { __qtbEmit(c: string, p: unknown): void }).__qtbEmit(c, value), [channel, payload] as const)
      .catch(() => undefined); // the page may be closing
  forwardEvents(service, send, reportViolation);
  const electronStandIn = `
    const listeners = new Map();
    window.__qtbEmit = (channel, payload) => listeners.get(channel)?.forEach((listener) => listener({}, payload));
    const electron = {
      contextBridge: { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: Object.freeze(api) }) },
      ipcRenderer: {
        invoke: (channel, input) => window.__qtbInvoke(channel, input),
        on: (channel, listener) => { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel).add(listener); },
        removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
      },
    };
    const require = (name) => { if (name !== 'electron') throw new Error('a sandboxed preload may require only electron, not ' + name); return electron; };`;
  await page.addInitScript(`(() => {${electronStandIn}\nconst module = { exports: {} };\n(function (require, module, exports) {\n${readFileSync(PRELOAD, 'utf8')}\n})(require, module, module.exports);\n})();`);
  return violations;
}
