import { describe, expect, it } from 'vitest';
import { checkCommandResult, checkEventPayload, fail, ok } from './contract';

const SECRET = 'sEcReT-outbound-0123456789';
const status = { state: 'running', mode: 'dry-run', symbol: 'QRL/USDT', since: 1, reason: null };

function reporter() {
  const problems: string[] = [];
  return { problems, report: (problem: string) => problems.push(problem) };
}

describe('the outbound door', () => {
  it('lets a valid answer through, minus any field the contract does not declare', () => {
    const { problems, report } = reporter();
    const checked = checkCommandResult('startBot', ok({ ...status, apiSecret: SECRET }), report);
    expect(checked).toEqual(ok(status));
    expect(problems).toEqual([]);
  });

  it('turns an answer that breaks its schema into INTERNAL, naming the path but never the value', () => {
    const { problems, report } = reporter();
    const checked = checkCommandResult('startBot', ok({ ...status, state: SECRET, since: -1 }), report);
    expect(checked).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(!checked.ok && checked.error.message).toContain('The answer to startBot breaks the contract: state (invalid_value), since (too_small)');
    expect(problems).toEqual([!checked.ok && checked.error.message]);
    expect(JSON.stringify(checked) + problems.join()).not.toContain(SECRET);
  });

  it('passes errors through untouched, and refuses an answer to an unknown command', () => {
    const { problems, report } = reporter();
    const refused = fail('INVALID_STATE', 'not now');
    expect(checkCommandResult('startBot', refused, report)).toBe(refused);
    expect(checkCommandResult('launchMissiles', ok(1), report)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(problems).toHaveLength(1);
  });

  it('reports a value that cannot even be read, instead of throwing', () => {
    const { problems, report } = reporter();
    const hostile = Object.defineProperty({ ...status }, 'state', {
      enumerable: true,
      get() {
        throw new Error(`getter holding ${SECRET}`);
      },
    });
    const checked = checkCommandResult('startBot', ok(hostile), report);
    expect(checked).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(problems.join()).not.toContain(SECRET);
  });

  it('checks event payloads against their schemas', () => {
    const { problems, report } = reporter();
    expect(checkEventPayload('navigate', { view: 'orders' }, report)).toEqual(ok({ view: 'orders' }));
    expect(checkEventPayload('navigate', { view: 'admin' }, report)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(checkEventPayload('log', { time: 1, level: 'loud', message: SECRET }, report)).toMatchObject({ ok: false });
    expect(problems).toEqual([
      'The navigate event breaks the contract: view (invalid_value). This is a bug in the engine; it was logged.',
      'The log event breaks the contract: level (invalid_value). This is a bug in the engine; it was logged.',
    ]);
  });
});
