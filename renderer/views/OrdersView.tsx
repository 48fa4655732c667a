import { FillsPanel } from './FillsPanel';
import { OpenOrdersPanel } from './OpenOrdersPanel';

export function OrdersView() {
  return (
    <div className="stack">
      <OpenOrdersPanel />
      <FillsPanel limit={50} />
    </div>
  );
}
