import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CommandHandlers, EventName } from '../../shared/contract';
import { FakeIpcMain, ipcEventFrom } from '../../test/support/fakeElectron';
import { forwardEvents } from './forwardEvents';
import { commandChannel, eventChannel } from './ipcChannels';
import { registerIpcHandlers } from './registerIpcHandlers';

const SECRET = 'sEcReT-ipc-outbound-0123456';
const APP = 'app://renderer/index.html';
const status = { state: 'running', mode: 'dry-run', symbol: 'QRL/USDT', since: 1, reason: null };

describe('the Electron transport checks what leaves, like the web host', () => {
  function register(handlers: Partial<CommandHandlers>) {
    const ipcMain = new FakeIpcMain();
    const problems: string[] = [];
    registerIpcHandlers(ipcMain as never, handlers as CommandHandlers, (event) => event.senderFrame?.url === APP, (problem) => problems.push(problem));
    const invoke = (name: string, input?: unknown) => ipcMain.handlers.get(commandChannel(name as never))!(ipcEventFrom(APP), input);
    return { invoke, problems };
  }

  it('sends a valid answer without fields the contract does not declare', async () => {
    const { invoke, problems } = register({ startBot: async () => ({ ...status, apiSecret: SECRET }) as never });
    expect(await invoke('startBot')).toEqual({ ok: true, value: status });
    expect(problems).toEqual([]);
  });

  it('answers INTERNAL, and reports it, when a handler returns something its schema refuses', async () => {
    const { invoke, problems } = register({ getApiKeyStatus: async () => ({ configured: true, maskedKey: 42, key: SECRET }) as never });
    const answer = await invoke('getApiKeyStatus');
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('maskedKey (invalid_type)') } });
    expect(problems).toHaveLength(1);
    expect(JSON.stringify(answer) + problems.join()).not.toContain(SECRET);
  });

  it('forwards valid events, drops and reports one that breaks its schema, and stops when asked', () => {
    const emitter = new EventEmitter();
    const source = {
      on: (event: EventName, listener: (payload: never) => void) => {
        emitter.on(event, listener as (payload: unknown) => void);
        return () => void emitter.off(event, listener as (payload: unknown) => void);
      },
    };
    const sent: { channel: string; payload: unknown }[] = [];
    const problems: string[] = [];
    const stop = forwardEvents(source, (channel, payload) => sent.push({ channel, payload }), (problem) => problems.push(problem));
    emitter.emit('alert', { id: 'a1', time: 1, severity: 'loud', kind: 'x', message: SECRET });
    emitter.emit('navigate', { view: 'orders' });
    stop();
    emitter.emit('navigate', { view: 'settings' });
    expect(sent).toEqual([{ channel: eventChannel('navigate'), payload: { view: 'orders' } }]);
    expect(problems).toEqual([expect.stringContaining('The alert event breaks the contract: severity (invalid_value)')]);
    expect(problems.join()).not.toContain(SECRET);
  });
});
