import { describe, expect, it } from 'vitest';
import { MAX_SWEEP_CELLS } from '../../../shared/backtestSweepSchemas';
import { MemorySecretStore } from '../../../test/support/MemorySecretStore';
import { BotService } from '../bot/BotService';
import { dispatchCommand } from '../bot/dispatchCommand';

const valid = { days: 365, initialUsdt: '1000', buyThresholds: [1, 1.02], priceOffsets: [0.98], emaPeriods: [{ fast: 20, slow: 60 }] };
const range = (count: number, from: number, step: number) => Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(4)));

describe('runBacktestSweep at the contract door', () => {
  const service = () => new BotService({ secretStore: new MemorySecretStore(), clock: { now: () => 1_700_000_000_000 } });

  it.each([
    ['no grid at all', { days: 365, initialUsdt: '1000' }, /buyThresholds/],
    ['an empty list', { ...valid, priceOffsets: [] }, /priceOffsets: give at least one value/],
    ['a price offset at or above 1', { ...valid, priceOffsets: [0.98, 1] }, /PRICE_OFFSET must be below 1/],
    ['a buy threshold of 0', { ...valid, buyThresholds: [0] }, /buyThresholds\.0: must be above 0/],
    ['a threshold that is not a number', { ...valid, buyThresholds: ['1.02'] }, /buyThresholds\.0/],
    ['repeated values', { ...valid, buyThresholds: [1.02, 1.02] }, /values must not repeat/],
    ['a fast EMA not shorter than the slow', { ...valid, emaPeriods: [{ fast: 60, slow: 20 }] }, /fast EMA period \(emaFast\) must be shorter/],
    ['a fractional EMA period', { ...valid, emaPeriods: [{ fast: 20.5, slow: 60 }] }, /emaPeriods\.0\.fast/],
    ['an unknown field', { ...valid, extra: 1 }, /extra/],
    ['days out of range', { ...valid, days: 5000 }, /days/],
    [`more than ${MAX_SWEEP_CELLS} cells`, { ...valid, buyThresholds: range(12, 1, 0.01), priceOffsets: range(12, 0.9, 0.005), emaPeriods: [{ fast: 20, slow: 60 }, { fast: 10, slow: 30 }] }, /the grid has 288 cells; at most 144/],
  ])('refuses %s with INVALID_PAYLOAD, before any work', async (_what, input, message) => {
    const started: unknown[] = [];
    const handlers = { ...service().handlers, runBacktestSweep: async (parsed: unknown) => (started.push(parsed), Promise.reject(new Error('must not run'))) };
    const result = await dispatchCommand(handlers, 'runBacktestSweep', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', message } });
    expect(started).toEqual([]);
  });

  it('lets a valid grid through to the handler, as parsed', async () => {
    const seen: unknown[] = [];
    const handlers = { ...service().handlers, runBacktestSweep: async (parsed: unknown) => (seen.push(parsed), Promise.reject(new Error('stop here'))) };
    await dispatchCommand(handlers, 'runBacktestSweep', valid);
    expect(seen).toEqual([valid]);
  });

  it('answers cancel with canceled: false when no sweep runs', async () => {
    expect(await dispatchCommand(service().handlers, 'cancelBacktestSweep', undefined)).toEqual({ ok: true, value: { canceled: false } });
  });
});
