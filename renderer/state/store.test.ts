import { beforeEach, describe, expect, it } from 'vitest';
import { sampleSnapshot } from '../../test/support/sampleSnapshot';
import { useAppStore } from './store';

const initial = useAppStore.getState();

describe('app store', () => {
  beforeEach(() => useAppStore.setState(initial, true));

  it('folds snapshot alerts and live alerts into one feed', () => {
    const state = useAppStore.getState();
    state.addAlert({ id: 'live', time: 5, severity: 'info', kind: 'fill', message: 'filled' });
    state.applySnapshot(sampleSnapshot({ version: 2, alerts: [{ id: 'old', time: 1, severity: 'warning', kind: 'price', message: 'p' }] }));
    expect(useAppStore.getState().alerts.map((alert) => alert.id)).toEqual(['live', 'old']);
  });

  it('ignores a snapshot older than the one it holds', () => {
    useAppStore.getState().applySnapshot(sampleSnapshot({ version: 3 }));
    useAppStore.getState().applySnapshot(sampleSnapshot({ version: 2, status: { ...sampleSnapshot().status, state: 'running' } }));
    expect(useAppStore.getState().snapshot?.version).toBe(3);
  });

  it('moves to the view a navigate event names', () => {
    useAppStore.getState().navigate('alerts');
    expect(useAppStore.getState().view).toBe('alerts');
  });

  it('shows backtest progress only while a run is under way', () => {
    const state = useAppStore.getState();
    state.applyBacktestProgress({ runId: 'r', done: 1, total: 2 });
    expect(useAppStore.getState().backtest).toEqual({ status: 'idle' });
    state.setBacktest({ status: 'running', progress: null });
    state.applyBacktestProgress({ runId: 'r', done: 1, total: 2 });
    expect(useAppStore.getState().backtest).toEqual({ status: 'running', progress: { runId: 'r', done: 1, total: 2 } });
  });
});
