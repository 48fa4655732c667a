import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/contract';
import { MemorySecretStore } from '../../../test/support/MemorySecretStore';
import { BotService } from './BotService';

describe('BotService lifecycle', () => {
  const start = 1_700_000_000_000;

  it('starts stopped in dry-run mode', () => {
    const snapshot = new BotService({ secretStore: new MemorySecretStore(), clock: { now: () => start } }).snapshot();
    expect(snapshot.status).toEqual({ state: 'stopped', mode: 'dry-run', symbol: 'QRL/USDT', since: start, reason: null });
  });

  it('moves stopped → running → paused → running → stopped and stamps each change', async () => {
    let now = start;
    const bot = new BotService({ secretStore: new MemorySecretStore(), clock: { now: () => now } });
    const states: string[] = [];
    for (const command of ['startBot', 'pauseBot', 'resumeBot', 'stopBot'] as const) {
      now += 1000;
      const status = await bot.handlers[command](undefined);
      expect(status.since).toBe(now);
      states.push(status.state);
    }
    expect(states).toEqual(['running', 'paused', 'running', 'stopped']);
  });

  it('refuses a transition that makes no sense with INVALID_STATE', async () => {
    const bot = new BotService({ secretStore: new MemorySecretStore() });
    await expect(bot.handlers.pauseBot(undefined)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await bot.handlers.startBot(undefined);
    await expect(bot.handlers.startBot(undefined)).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('publishes a snapshot with a growing version on every change', async () => {
    const bot = new BotService({ secretStore: new MemorySecretStore() });
    const seen: Snapshot[] = [];
    const unsubscribe = bot.on('snapshot', (snapshot) => seen.push(snapshot));
    await bot.handlers.startBot(undefined);
    await bot.handlers.pauseBot(undefined);
    unsubscribe();
    await bot.handlers.resumeBot(undefined);
    expect(seen.map((s) => [s.version, s.status.state])).toEqual([
      [1, 'running'],
      [2, 'paused'],
    ]);
  });
});

describe('BotService settings', () => {
  it('refuses settings whose sections contradict each other, and keeps the old ones', async () => {
    const { defaultSettings } = await import('../../../shared/settings');
    const bot = new BotService({ secretStore: new MemorySecretStore() });
    const bad = { ...defaultSettings(), risk: { ...defaultSettings().risk, maxPositionUsdt: 10 } };
    await expect(bot.handlers.setSettings(bad)).rejects.toMatchObject({ code: 'INVALID_PAYLOAD', message: expect.stringContaining('risk.maxPositionUsdt') });
    expect(bot.settings.risk.maxPositionUsdt).toBe(500);
  });
});
