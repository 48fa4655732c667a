import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../test/support/MemorySecretStore';
import { BotService } from './BotService';
import { dispatchCommand } from './dispatchCommand';

describe('dispatchCommand', () => {
  const service = () => new BotService({ secretStore: new MemorySecretStore(), clock: { now: () => 1_700_000_000_000 } });

  it('answers a known command with its typed value', async () => {
    const result = await dispatchCommand(service().handlers, 'getSnapshot', undefined);
    expect(result).toMatchObject({ ok: true, value: { status: { state: 'stopped', mode: 'dry-run' } } });
  });

  it.each([['nope'], [42], [null], [{ toString: () => 'getSnapshot' }], ['__proto__'], ['constructor']])(
    'refuses an unknown command name %j with UNKNOWN_COMMAND',
    async (name) => {
      const result = await dispatchCommand(service().handlers, name, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    },
  );

  it.each([[{}], ['x'], [0], [null], [[1]]])('refuses a payload %j for a command that takes none', async (input) => {
    const result = await dispatchCommand(service().handlers, 'startBot', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('turns a handler failure into INTERNAL without throwing', async () => {
    const handlers = { ...service().handlers, getSnapshot: async () => Promise.reject(new Error('disk on fire')) };
    const result = await dispatchCommand(handlers, 'getSnapshot', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'getSnapshot failed: disk on fire' } });
  });
});
