import type { ContractError, Snapshot } from '../../shared/contract';
import type { PanelStatus } from '../components/Panel';

/**
 * The shared first three states of every snapshot-fed panel: still loading,
 * failed to load, or (via `isEmpty`) nothing to show yet.
 */
export function snapshotPanelStatus(
  snapshot: Snapshot | null,
  error: ContractError | null,
  isEmpty: (snapshot: Snapshot) => string | null,
): PanelStatus {
  if (!snapshot) return error ? { kind: 'error', error } : { kind: 'loading' };
  const empty = isEmpty(snapshot);
  return empty ? { kind: 'empty', message: empty } : { kind: 'ready' };
}
