import { Panel } from '../components/Panel';
import { useAppStore } from '../state/store';
import { FillsTable } from './FillsTable';
import { snapshotPanelStatus } from './snapshotStatus';

/** The latest fills the engine reports (the full list lives in History). */
export function FillsPanel({ limit = 10 }: { limit?: number }) {
  const snapshot = useAppStore((state) => state.snapshot);
  const error = useAppStore((state) => state.snapshotError);
  const status = snapshotPanelStatus(snapshot, error, (s) => (s.recentFills.length === 0 ? 'No fills yet.' : null));
  return (
    <Panel title="Recent fills" testId="fills-panel" status={status}>
      {snapshot && <FillsTable fills={snapshot.recentFills.slice(0, limit)} caption="Recent fills" />}
    </Panel>
  );
}
