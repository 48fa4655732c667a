import type { Balances, Fill, Order, Pnl } from '../../../shared/contract';
import { Decimal } from '../../../shared/decimal';
import type { BrokerFill, BrokerOrder } from '../trading/Broker';
import type { MarketInfo } from '../trading/MarketInfo';
import { isImportedFill } from '../trading/ImportedFills';
import type { HistoryStep, TradeHistory } from '../trading/TradeHistory';

export interface TradingView {
  balances: Balances | null;
  openOrders: Order[];
  recentFills: Fill[];
  pnl: Pnl | null;
}

const RECENT_FILLS = 20;

export interface TradingViewInput {
  /** the current mode's broker, after the last refresh */
  active: { ref: { kind: 'paper' | 'live' }; balances: Record<string, { free: string; used: string; total: string }> | null; fills: BrokerFill[] } | null;
  paperOrders: readonly BrokerOrder[];
  /** every open order on the live account, the bot's and others' */
  liveOrders: readonly BrokerOrder[];
  owns(order: BrokerOrder): boolean;
  market: MarketInfo | null;
  lastPrice: string | null;
  fetchedAt: number;
  stale: boolean;
  history: TradeHistory;
}

/** The snapshot's trading parts, as contract shapes: balances and PnL of the mode, open orders of both brokers. */
export function tradingView(input: TradingViewInput): TradingView {
  const { active, market, lastPrice } = input;
  const paper = active?.ref.kind !== 'live';
  const pnl = input.history.pnl(lastPrice);
  const assets = active?.balances
    ? Object.entries(active.balances).map(([asset, b]) => ({
        asset,
        free: b.free,
        locked: b.used,
        valueUsdt: asset === market?.quote ? b.total : lastPrice ? Decimal.from(b.total).mul(lastPrice).toFixed(2) : null,
      }))
    : [];
  const total = assets.every((a) => a.valueUsdt !== null) ? assets.reduce((sum, a) => sum.add(a.valueUsdt!), Decimal.ZERO).toFixed(2) : null;
  const recent = new Set((active?.fills ?? []).slice(-RECENT_FILLS));
  return {
    balances: active?.balances ? { source: paper ? 'paper' : 'exchange', assets, totalUsdt: total, fetchedAt: input.fetchedAt, stale: input.stale } : null,
    openOrders: [...input.paperOrders.map((o) => toContractOrder(o, { paper: true, placedByBot: true })), ...input.liveOrders.map((o) => toContractOrder(o, { paper: false, placedByBot: input.owns(o) }))],
    recentFills: contractFills(input.history.steps().filter((step) => recent.has(step.fill)), paper),
    pnl: active ? { positionAmount: pnl.positionAmount, averageCost: pnl.averageCost, realized: pnl.realized, unrealized: pnl.unrealized } : null,
  };
}

/** A broker's order as the contract shows it: the one mapping, for the snapshot and for a cancel's answer. */
export function toContractOrder(o: BrokerOrder, { paper, placedByBot }: { paper: boolean; placedByBot: boolean }): Order {
  return {
    id: o.id,
    clientOrderId: o.clientOrderId,
    side: o.side,
    type: o.type,
    price: o.price,
    amount: o.amount,
    filled: o.filled,
    status: o.status,
    time: o.timestamp,
    paper,
    placedByBot,
  };
}

/** Fills (with what each realized: TradeHistory.steps) as the contract shows them, newest first. */
export function contractFills(steps: readonly Pick<HistoryStep, 'fill' | 'realizedPnl'>[], paper: boolean): Fill[] {
  return [...steps].reverse().map(({ fill: f, realizedPnl }) => ({
    id: f.id,
    orderId: f.orderId,
    side: f.side,
    price: f.price,
    amount: f.amount,
    cost: f.cost,
    fee: f.fee.cost,
    feeAsset: f.fee.currency,
    time: f.timestamp,
    paper,
    realizedPnl,
    imported: isImportedFill(f),
  }));
}
