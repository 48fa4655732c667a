import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CommandHandlers, Snapshot } from '../../shared/contract';
import { sampleMarket, sampleSnapshot } from '../../test/support/sampleSnapshot';
import { dispatchCommand } from '../core/bot/dispatchCommand';
import { DeferredEngine, type LoadedEngine } from './DeferredEngine';

const silent = { warn: () => undefined, error: () => undefined };

function fakeEngine(snapshot: Snapshot): LoadedEngine & { emit(snapshot: Snapshot): void } {
  const emitter = new EventEmitter();
  return {
    handlers: { getSettings: async () => ({ marker: 'engine settings' }) } as unknown as CommandHandlers,
    snapshot: () => snapshot,
    on: (event, listener) => {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
    emit: (s) => emitter.emit('snapshot', s),
  };
}

describe('the web host while the engine loads (issue 16)', () => {
  it('answers getSnapshot from the saved price at once, then from the engine as soon as it exists', async () => {
    const saved = sampleSnapshot({ version: 0, market: sampleMarket('0.2001', true) });
    const deferred = new DeferredEngine({ placeholder: () => saved, logger: silent });
    let served = false;
    void deferred.placeholderServed.then(() => (served = true));
    expect(await dispatchCommand(deferred.handlers, 'getSnapshot', undefined)).toEqual({ ok: true, value: saved });
    await Promise.resolve();
    expect(served).toBe(true);

    const live = sampleSnapshot({ version: 1, market: sampleMarket('0.2002') });
    deferred.attach(fakeEngine(live), new Promise(() => undefined));
    expect(await dispatchCommand(deferred.handlers, 'getSnapshot', undefined)).toEqual({ ok: true, value: live });
  });

  it('holds other commands until the engine has finished its init, and forwards its events', async () => {
    const deferred = new DeferredEngine({ placeholder: () => sampleSnapshot(), logger: silent });
    const events: Snapshot[] = [];
    deferred.on('snapshot', (s) => events.push(s));
    const settings = dispatchCommand(deferred.handlers, 'getSettings', undefined);
    let answered = false;
    void settings.then(() => (answered = true));
    const engine = fakeEngine(sampleSnapshot());
    let finishInit!: () => void;
    deferred.attach(
      engine,
      new Promise<void>((resolve) => (finishInit = resolve)),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    finishInit();
    expect(await settings).toEqual({ ok: true, value: { marker: 'engine settings' } });
    const next = sampleSnapshot({ version: 7 });
    engine.emit(next);
    expect(events).toEqual([next]);
  });

  it('answers commands with an error when the engine could not start, and still serves the saved price', async () => {
    const saved = sampleSnapshot({ market: sampleMarket('0.2001', true) });
    const deferred = new DeferredEngine({ placeholder: () => saved, logger: silent });
    deferred.fail(new Error('the data folder is locked'));
    expect(await dispatchCommand(deferred.handlers, 'getSettings', undefined)).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'getSettings failed: the data folder is locked' } });
    expect(await dispatchCommand(deferred.handlers, 'getSnapshot', undefined)).toMatchObject({ ok: true, value: saved });
  });
});
