import type { Fill } from '../../shared/contract';
import { formatTime } from '../../shared/formatTime';
import { DecimalText } from '../components/DecimalText';
import { TableHead, type Column } from '../components/TableHead';

const fillColumns: readonly Column[] = [
  { label: 'Time' },
  { label: 'Side' },
  { label: 'Price', numeric: true },
  { label: 'Amount', numeric: true },
  { label: 'Cost', numeric: true, optional: true },
  { label: 'Fee', numeric: true, optional: true },
  { label: 'Realized PnL', numeric: true },
];

/** Fills as a table, each sell with what it realized: used by the dashboard's recent fills and the trade history. */
export function FillsTable({ fills, caption }: { fills: readonly Fill[]; caption?: string }) {
  return (
    <table className="data" data-testid="fills-table">
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <TableHead columns={fillColumns} />
      <tbody>
        {fills.map((fill) => (
          <tr key={fill.id}>
            <td className="nowrap">{formatTime(fill.time)}</td>
            <td>
              <span className={`side side-${fill.side}`}>{fill.side.toUpperCase()}</span>
              {fill.paper && <span className="tag">paper</span>}
              {fill.imported && <span className="tag">imported</span>}
            </td>
            <td className="r">
              <DecimalText value={fill.price} />
            </td>
            <td className="r">
              <DecimalText value={fill.amount} />
            </td>
            <td className="r opt">
              <DecimalText value={fill.cost} digits={2} />
            </td>
            <td className="r opt">
              <DecimalText value={fill.fee} /> <span className="unit">{fill.feeAsset}</span>
            </td>
            <td className="r" data-testid="fill-realized">
              {/* A buy realizes nothing: it adds to the cost basis (average cost method, issue 17). */}
              {fill.realizedPnl ? <DecimalText value={fill.realizedPnl} digits={2} variant="signed" /> : <span className="muted">—</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
