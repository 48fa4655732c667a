import type { Pnl } from '../../shared/contract';
import { DecimalText } from '../components/DecimalText';
import { Panel, type PanelStatus } from '../components/Panel';
import { useSymbol } from '../components/useSymbol';
import { useAppStore } from '../state/store';
import { snapshotPanelStatus } from './snapshotStatus';

/** Position in the base asset and profit in the quote asset, as the engine computed them. */
export function PnlSummary({ pnl }: { pnl: Pnl }) {
  const { base, quote } = useSymbol() ?? { base: '', quote: '' };
  return (
    <dl className="kv" data-testid="pnl">
      <dt>Position</dt>
      <dd>
        <DecimalText value={pnl.positionAmount} unit={base} />
      </dd>
      <dt>Average cost</dt>
      <dd>
        <DecimalText value={pnl.averageCost} unit={quote} />
      </dd>
      <dt>Realized PnL</dt>
      <dd>
        <DecimalText value={pnl.realized} digits={2} variant="signed" unit={quote} testId="pnl-realized" />
      </dd>
      <dt>Unrealized PnL</dt>
      <dd>
        <DecimalText value={pnl.unrealized} digits={2} variant="signed" unit={quote} />
      </dd>
    </dl>
  );
}

export function PnlPanel() {
  const snapshot = useAppStore((state) => state.snapshot);
  const error = useAppStore((state) => state.snapshotError);
  const status: PanelStatus = snapshotPanelStatus(snapshot, error, (s) => (s.pnl ? null : 'No position yet.'));
  return (
    <Panel title="Position & PnL" testId="pnl-panel" status={status}>
      {snapshot?.pnl && <PnlSummary pnl={snapshot.pnl} />}
    </Panel>
  );
}
