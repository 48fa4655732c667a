import type { BrokerBalances, BrokerFill, BrokerOrder } from '../trading/Broker';
import type { BrokerRef } from '../trading/Journal';

/** What one broker (the paper wallet or the live account) looked like after the last refresh: what limits and views read. */
export interface BrokerState {
  ref: BrokerRef;
  /** every open order on that account, the bot's and others' */
  openOrders: BrokerOrder[];
  balances: BrokerBalances | null;
  /** the bot's own fills, complete (journal + persisted trade history) */
  fills: BrokerFill[];
}
