import { AlertsFeed } from './AlertsFeed';
import { ApiHealthPanel } from './ApiHealthPanel';
import { BalancesPanel } from './BalancesPanel';
import { BotStatusPanel } from './BotStatusPanel';
import { CandleChart } from './CandleChart';
import { FillsPanel } from './FillsPanel';
import { OpenOrdersPanel } from './OpenOrdersPanel';
import { PriceCard } from './PriceCard';
import { PnlPanel } from './PnlPanel';
import { WhyNotPanel } from './WhyNotPanel';

/**
 * Everything at a glance: market on the left, the bot and its money on the
 * right. Each panel sits in a named slot so narrow windows can reorder them
 * (price and bot first) with CSS alone.
 */
export function Dashboard() {
  return (
    <div className="dashboard">
      <div className="col-main">
        <div className="row-price">
          <div className="slot slot-price">
            <PriceCard />
          </div>
          <div className="slot slot-chart">
            <CandleChart />
          </div>
        </div>
        <div className="slot slot-orders">
          <OpenOrdersPanel />
        </div>
        <div className="slot slot-fills">
          <FillsPanel limit={8} />
        </div>
        <div className="slot slot-alerts">
          <AlertsFeed limit={6} />
        </div>
      </div>
      <div className="col-side">
        <div className="slot slot-bot">
          <BotStatusPanel />
          <WhyNotPanel />
        </div>
        <div className="slot slot-balances">
          <BalancesPanel />
        </div>
        <div className="slot slot-pnl">
          <PnlPanel />
        </div>
        <div className="slot slot-health">
          <ApiHealthPanel />
        </div>
      </div>
    </div>
  );
}
