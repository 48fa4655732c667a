import { DecimalText } from '../components/DecimalText';
import { Panel } from '../components/Panel';
import { StaleBadge } from '../components/StaleBadge';
import { useAppStore } from '../store';
import { snapshotPanelStatus } from './snapshotStatus';

/** Free and locked per asset, valued in USDT; says whose wallet it is. */
export function BalancesPanel() {
  const snapshot = useAppStore((state) => state.snapshot);
  const error = useAppStore((state) => state.snapshotError);
  const balances = snapshot?.balances ?? null;
  const status = snapshotPanelStatus(snapshot, error, (s) =>
    !s.balances ? 'No balances yet: the wallet has not been read.' : s.balances.assets.length === 0 ? 'The wallet is empty.' : null,
  );
  return (
    <Panel
      title={balances?.source === 'exchange' ? 'Balances · exchange' : 'Balances · paper wallet'}
      testId="balances-panel"
      status={status}
      badge={balances && <StaleBadge subject="Balances" fetchedAt={balances.fetchedAt} stale={balances.stale} />}
    >
      {balances && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col" className="r">
                Free
              </th>
              <th scope="col" className="r">
                Locked
              </th>
              <th scope="col" className="r">
                Value USDT
              </th>
            </tr>
          </thead>
          <tbody>
            {balances.assets.map((asset) => (
              <tr key={asset.asset}>
                <th scope="row">{asset.asset}</th>
                <td className="r">
                  <DecimalText value={asset.free} />
                </td>
                <td className="r">
                  <DecimalText value={asset.locked} />
                </td>
                <td className="r">
                  <DecimalText value={asset.valueUsdt} digits={2} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Total
              </th>
              <td className="r strong" data-testid="balances-total">
                <DecimalText value={balances.totalUsdt} digits={2} />
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </Panel>
  );
}
