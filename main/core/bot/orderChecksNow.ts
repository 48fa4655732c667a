import type { Settings } from '../../../shared/settings';
import type { DayStartPrice } from '../trading/DayStartPrice';
import { sameBroker, type BrokerRef, type Journal } from '../trading/Journal';
import { startOfLocalDay, type UtcOffset } from '../trading/localDay';
import type { MarketInfo } from '../trading/MarketInfo';
import type { PaperBroker } from '../trading/PaperBroker';
import type { PreTradeContext } from '../trading/preTradeChecks';
import type { RiskContext } from '../trading/riskLimits';
import type { TradeHistory } from '../trading/TradeHistory';
import type { BotOrders } from './BotOrders';
import type { BrokerState } from './BrokerState';
import { openBuysUsdt } from './runStrategyCycle';

// Why a module of its own: "why hasn't it bought?" (issue 17) needs the facts a run's checks read, gathered without a run and without calling MEXC.

/** What the pre-trade checks and the risk limits would see for a buy sent now. */
export interface OrderChecksNow {
  preTrade: PreTradeContext;
  /** null until today's first run has read the price at local midnight: the daily loss cannot be measured before */
  risk: Omit<RiskContext, 'limits' | 'pnlTodayUsdt'> & { pnlTodayUsdt: string | null };
  /** why a run would stop before any check (no keys in live mode, a paper wallet to reset, an order of unknown outcome), or null */
  held: { code: string; message: string } | null;
}

export interface OrderChecksNowInput {
  journal: Journal;
  orders: BotOrders;
  market: MarketInfo;
  paper: PaperBroker;
  dayStartPrice: DayStartPrice;
  /** ids from damaged journal lines no broker could be asked about yet */
  pendingLostIds: readonly string[];
  /** the mode's broker after the last refresh */
  state: BrokerState | null;
  /** where the mode's new orders go; null in live mode without keys */
  ref: BrokerRef | null;
  settings: Settings;
  history: TradeHistory;
  killSwitch: boolean;
  now: number;
  utcOffset: UtcOffset;
  last: string | null;
}

/** The same facts runStrategyCycle measures before its checks, read from the state the engine already holds. */
export function orderChecksNow(input: OrderChecksNowInput): OrderChecksNow {
  const { journal, orders, market, state, ref, settings, history, last } = input;
  const midnight = startOfLocalDay(input.now, input.utcOffset);
  const priceAtMidnight = input.dayStartPrice.known(midnight);
  return {
    preTrade: {
      market,
      freeBalances: Object.fromEntries(Object.entries(state?.balances ?? {}).map(([asset, b]) => [asset, b.free])),
      openOrderCount: state?.openOrders.filter((o) => orders.owns(o)).length ?? 0,
      maxOpenOrders: settings.risk.maxOpenOrders,
    },
    risk: {
      positionUsdt: history.pnl(last).costBasis,
      openBuyOrdersUsdt: state && ref ? openBuysUsdt(state, ref, journal, orders).toString() : '0',
      ordersToday: ref ? journal.ordersPlacedSince(midnight, ref) : 0,
      pnlTodayUsdt: priceAtMidnight !== null && last !== null ? history.pnlSince(midnight, priceAtMidnight, last) : null,
      killSwitch: input.killSwitch,
    },
    held: heldBy(input),
  };
}

function heldBy({ ref, paper, pendingLostIds, journal }: OrderChecksNowInput): OrderChecksNow['held'] {
  if (!ref) return { code: 'NO_KEYS', message: 'Live mode needs the API keys, and none are loaded: save them in Settings.' };
  if (ref.kind === 'paper' && paper.needsReset) return { code: 'PAPER_WALLET_RESET', message: 'The paper wallet was lost and could not be rebuilt: reset it in Settings → Paper wallet.' };
  const lost = pendingLostIds[0];
  if (lost) return { code: 'UNRESOLVED_ORDER', message: `Order ${lost} lost its journal line and MEXC could not be asked about it yet; nothing new is sent until it is found.` };
  const unresolved = journal.unfinishedIntents().find((entry) => entry.broker === null || sameBroker(entry.broker, ref));
  if (unresolved) return { code: 'UNRESOLVED_ORDER', message: `Order ${unresolved.clientOrderId} has an unknown outcome; nothing new is sent until MEXC says what became of it.` };
  return null;
}
