import { DecimalText } from '../components/DecimalText';
import { Panel } from '../components/Panel';
import { StaleBadge } from '../components/StaleBadge';
import { TableHead, type Column } from '../components/TableHead';
import { useAppStore } from '../state/store';
import { snapshotPanelStatus } from './snapshotStatus';

const balanceColumns: readonly Column[] = [{ label: 'Asset' }, { label: 'Free', numeric: true }, { label: 'Locked', numeric: true }, { label: 'Value USDT', numeric: true }];

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
          <TableHead columns={balanceColumns} />
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
