import { useState } from 'react';
import type { Order } from '../../shared/contract';
import { formatTime } from '../../shared/formatTime';
import { api } from '../bridge/api';
import { DecimalText } from '../components/DecimalText';
import { ErrorText, Panel } from '../components/Panel';
import { TableHead, type Column } from '../components/TableHead';
import { useCommand } from '../components/useCommand';
import { useAppStore } from '../state/store';
import { snapshotPanelStatus } from './snapshotStatus';

const orderColumns: readonly Column[] = [
  { label: 'Time' },
  { label: 'Side' },
  { label: 'Type', optional: true },
  { label: 'Price', numeric: true },
  { label: 'Amount', numeric: true },
  { label: 'Filled', numeric: true, optional: true },
  { label: 'Actions', hiddenLabel: true },
];

/**
 * Open orders with a cancel per row and one for all (two steps, since it
 * cannot be undone). Orders the bot did not place are shown, marked, and
 * never offered for cancel: the bot leaves them alone.
 */
export function OpenOrdersPanel() {
  const snapshot = useAppStore((state) => state.snapshot);
  const error = useAppStore((state) => state.snapshotError);
  const cancelAll = useCommand();
  const [confirmAll, setConfirmAll] = useState(false);
  const orders = snapshot?.openOrders ?? [];
  const botOrders = orders.filter((order) => order.placedByBot);
  const status = snapshotPanelStatus(snapshot, error, (s) => (s.openOrders.length === 0 ? 'No open orders.' : null));

  const onCancelAll = async () => {
    if (!confirmAll) return setConfirmAll(true);
    setConfirmAll(false);
    await cancelAll.run(() => api().cancelAllOrders());
  };

  return (
    <Panel
      title={`Open orders${orders.length ? ` (${orders.length})` : ''}`}
      testId="orders-panel"
      status={status}
      actions={
        botOrders.length > 0 && (
          <>
            {confirmAll && (
              <button type="button" className="small" onClick={() => setConfirmAll(false)}>
                Keep orders
              </button>
            )}
            <button type="button" className="small danger" disabled={cancelAll.pending} onClick={() => void onCancelAll()}>
              {confirmAll ? `Confirm: cancel the bot's ${botOrders.length}` : "Cancel the bot's orders"}
            </button>
          </>
        )
      }
    >
      <ErrorText error={cancelAll.error} />
      <table className="data">
        <TableHead columns={orderColumns} />
        <tbody>
          {orders.map((order) => (
            <OrderRow key={order.id} order={order} />
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

function OrderRow({ order }: { order: Order }) {
  const cancel = useCommand();
  return (
    <tr>
      <td className="nowrap">{formatTime(order.time)}</td>
      <td>
        <span className={`side side-${order.side}`}>{order.side.toUpperCase()}</span>
        {order.paper && <span className="tag">paper</span>}
        {!order.placedByBot && (
          <span className="tag foreign" title="On your MEXC account, but not placed by the bot: it is never counted against the bot's limits or canceled by it.">
            not placed by the bot
          </span>
        )}
      </td>
      <td className="opt">{order.type}</td>
      <td className="r">
        <DecimalText value={order.price} />
      </td>
      <td className="r">
        <DecimalText value={order.amount} />
      </td>
      <td className="r opt">
        <DecimalText value={order.filled} />
      </td>
      <td className="r">
        {order.placedByBot && (
        <button
          type="button"
          className="small"
          disabled={cancel.pending}
          aria-label={`Cancel ${order.side} order ${order.amount} at ${order.price ?? 'market'}`}
          onClick={() => void cancel.run(() => api().cancelOrder({ id: order.id }))}
        >
          {cancel.pending ? 'Canceling…' : 'Cancel'}
        </button>
        )}
        {cancel.error && (
          <span role="alert" className="error-text inline">
            {cancel.error.message}
          </span>
        )}
      </td>
    </tr>
  );
}
