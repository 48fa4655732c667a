import { create } from 'zustand';
import type {
  Alert,
  BacktestResult,
  ContractError,
  EventPayload,
  LogEntry,
  Snapshot,
  View,
} from '../../shared/contract';
import type { Settings } from '../../shared/settings';
import { acceptSnapshot, appendLog, mergeAlerts, type BacktestProgress } from './reducers';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export type BacktestState =
  | { status: 'idle' }
  | { status: 'running'; progress: BacktestProgress | null }
  | { status: 'done'; result: BacktestResult }
  | { status: 'error'; error: ContractError };

/**
 * The page's one store: fed by contract events (snapshot, alert, log,
 * navigate, backtestProgress) and by command replies. It never holds a secret:
 * API key entry lives in an uncontrolled form that is reset after sending.
 */
export interface AppState {
  snapshot: Snapshot | null;
  /** why the first snapshot could not be loaded */
  snapshotError: ContractError | null;
  connection: ConnectionState;
  view: View;
  alerts: Alert[];
  logs: LogEntry[];
  backtest: BacktestState;
  /** settings as the engine last confirmed them */
  settings: Settings | null;
  settingsError: ContractError | null;
  /** the form's working copy; only sent as a whole through setSettings */
  settingsDraft: Settings | null;

  applySnapshot(snapshot: Snapshot): void;
  setSnapshotError(error: ContractError | null): void;
  setConnection(connection: ConnectionState): void;
  navigate(view: View): void;
  addAlert(alert: Alert): void;
  addLog(entry: LogEntry): void;
  setBacktest(backtest: BacktestState): void;
  applyBacktestProgress(progress: EventPayload<'backtestProgress'>): void;
  setSettings(settings: Settings): void;
  setSettingsError(error: ContractError | null): void;
  setSettingsDraft(draft: Settings | null): void;
}

export const useAppStore = create<AppState>((set) => ({
  snapshot: null,
  snapshotError: null,
  connection: 'connecting',
  view: 'dashboard',
  alerts: [],
  logs: [],
  backtest: { status: 'idle' },
  settings: null,
  settingsError: null,
  settingsDraft: null,

  applySnapshot: (snapshot) =>
    set((state) => {
      const accepted = acceptSnapshot(state.snapshot, snapshot);
      if (!accepted) return state;
      return { snapshot: accepted, snapshotError: null, alerts: mergeAlerts(state.alerts, accepted.alerts) };
    }),
  setSnapshotError: (snapshotError) => set({ snapshotError }),
  setConnection: (connection) => set({ connection }),
  navigate: (view) => set({ view }),
  addAlert: (alert) => set((state) => ({ alerts: mergeAlerts(state.alerts, [alert]) })),
  addLog: (entry) => set((state) => ({ logs: appendLog(state.logs, entry) })),
  setBacktest: (backtest) => set({ backtest }),
  // Progress only matters while a run is under way; a late event after the result is dropped.
  applyBacktestProgress: (progress) =>
    set((state) => (state.backtest.status === 'running' ? { backtest: { status: 'running', progress } } : state)),
  setSettings: (settings) => set({ settings, settingsError: null, settingsDraft: settings }),
  setSettingsError: (settingsError) => set({ settingsError }),
  setSettingsDraft: (settingsDraft) => set({ settingsDraft }),
}));
