import { create } from 'zustand';
import type { BacktestSweepResult, ContractError, EventPayload } from '../../shared/contract';
import type { SweepCell } from '../../shared/backtestSweepSchemas';

export interface SweepGridShape {
  buyThresholds: readonly number[];
  priceOffsets: readonly number[];
  emaPeriods: readonly { fast: number; slow: number }[];
}

export type SweepState =
  | { status: 'idle' }
  | { status: 'running'; grid: SweepGridShape; total: number; done: number; cells: SweepCell[]; canceling: boolean }
  | { status: 'finished'; grid: SweepGridShape; result: BacktestSweepResult }
  | { status: 'error'; error: ContractError };

/**
 * The parameter sweep on the Backtest view: its own small store, fed by the
 * backtestSweepProgress event (a cell at a time) and by the command's answer.
 */
export interface SweepStore {
  sweep: SweepState;
  start(grid: SweepGridShape, total: number): void;
  applyProgress(progress: EventPayload<'backtestSweepProgress'>): void;
  markCanceling(): void;
  finish(result: BacktestSweepResult): void;
  fail(error: ContractError): void;
}

export const useSweepStore = create<SweepStore>((set) => ({
  sweep: { status: 'idle' },
  start: (grid, total) => set({ sweep: { status: 'running', grid, total, done: 0, cells: [], canceling: false } }),
  // Progress counts only while a sweep runs: a late event after the answer changes nothing.
  applyProgress: ({ done, total, cell }) =>
    set((state) => (state.sweep.status === 'running' ? { sweep: { ...state.sweep, total, done: Math.max(done, state.sweep.done), cells: [...state.sweep.cells, cell] } } : state)),
  markCanceling: () => set((state) => (state.sweep.status === 'running' ? { sweep: { ...state.sweep, canceling: true } } : state)),
  finish: (result) => set((state) => ({ sweep: state.sweep.status === 'running' ? { status: 'finished', grid: state.sweep.grid, result } : state.sweep })),
  fail: (error) => set({ sweep: { status: 'error', error } }),
}));
