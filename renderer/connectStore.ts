import type { Api } from '../shared/contract';
import { useAppStore } from './store';

/** Feed the store from contract events, and fetch the first snapshot. */
export function connectStore(api: Api): void {
  const { applySnapshot, setError } = useAppStore.getState();
  api.on('snapshot', applySnapshot);
  void api.getSnapshot().then((result) => (result.ok ? applySnapshot(result.value) : setError(result.error)));
}
