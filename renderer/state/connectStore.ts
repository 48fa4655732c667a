import type { Api } from '../../shared/contract';
import { useAppStore, type ConnectionState } from './store';
import { useSweepStore } from './sweepStore';

/** Re-read what events alone cannot give back after a gap: the snapshot. */
async function refreshSnapshot(api: Api): Promise<void> {
  const { applySnapshot, setSnapshotError } = useAppStore.getState();
  const result = await api.getSnapshot();
  if (result.ok) applySnapshot(result.value);
  else setSnapshotError(result.error);
}

/** Settings are read once; the settings form writes them back as a whole. */
export async function refreshSettings(api: Api): Promise<void> {
  const { setSettings, setSettingsError } = useAppStore.getState();
  const result = await api.getSettings();
  if (result.ok) setSettings(result.value);
  else setSettingsError(result.error);
}

/** Feed the store from contract events, and fetch the first snapshot and settings. */
export function connectStore(api: Api): void {
  const state = useAppStore.getState();
  api.on('snapshot', state.applySnapshot);
  api.on('alert', state.addAlert);
  api.on('log', state.addLog);
  api.on('navigate', ({ view }) => state.navigate(view));
  api.on('backtestProgress', state.applyBacktestProgress);
  api.on('backtestSweepProgress', useSweepStore.getState().applyProgress);
  void refreshSnapshot(api);
  void refreshSettings(api);
}

/** The transport tells the store whether events are flowing; after a gap, catch up. */
let droppedSinceOpen = false;
export function onConnectionChange(connection: ConnectionState): void {
  useAppStore.getState().setConnection(connection);
  if (connection === 'closed') droppedSinceOpen = true;
  if (connection === 'open' && droppedSinceOpen && window.api) {
    droppedSinceOpen = false;
    void refreshSnapshot(window.api);
  }
}
