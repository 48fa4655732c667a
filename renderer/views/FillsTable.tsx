import type { Fill } from '../../shared/contract';
import { formatTime } from '../../shared/formatTime';
import { DecimalText } from '../components/DecimalText';

/** Fills as a table: used by the dashboard's recent fills and the trade history. */
export function FillsTable({ fills, caption }: { fills: readonly Fill[]; caption?: string }) {
  return (
    <table className="data" data-testid="fills-table">
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Side</th>
          <th scope="col" className="r">
            Price
          </th>
          <th scope="col" className="r">
            Amount
          </th>
          <th scope="col" className="r opt">
            Cost
          </th>
          <th scope="col" className="r opt">
            Fee
          </th>
        </tr>
      </thead>
      <tbody>
        {fills.map((fill) => (
          <tr key={fill.id}>
            <td className="nowrap">{formatTime(fill.time)}</td>
            <td>
              <span className={`side side-${fill.side}`}>{fill.side.toUpperCase()}</span>
              {fill.paper && <span className="tag">paper</span>}
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
          </tr>
        ))}
      </tbody>
    </table>
  );
}
