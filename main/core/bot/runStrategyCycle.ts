import type { OHLCV as CcxtOHLCV } from 'ccxt';
import type { Decision } from '../../../shared/contract';
import { Decimal } from '../../../shared/decimal';
import type { Settings } from '../../../shared/settings';
import type { AlertInput } from '../alerts/AlertCenter';
import { OrderOutcomeUnknownError } from '../exchange/OrderOutcomeUnknownError';
import type { MexcClient } from '../exchange/MexcClient';
import type { Logger } from '../logging/Logger';
import type { Broker } from '../trading/Broker';
import { clientOrderIdFor } from '../trading/clientOrderId';
import type { DayStartPrice } from '../trading/DayStartPrice';
import { emaAccumulationStrategy, type OHLCV } from '../trading/emaAccumulationStrategy';
import { DuplicateClientOrderIdError, sameBroker, type BrokerRef, type Journal } from '../trading/Journal';
import { localDateStamp, startOfLocalDay, type UtcOffset } from '../trading/localDay';
import type { MarketInfo } from '../trading/MarketInfo';
import type { PaperBroker } from '../trading/PaperBroker';
import { checkPreTrade } from '../trading/preTradeChecks';
import { checkRiskLimits } from '../trading/riskLimits';
import { submitOrder } from '../trading/submitOrder';
import type { TradeHistory } from '../trading/TradeHistory';
import type { BotOrders } from './BotOrders';
import type { BrokerState } from './BrokerState';
import { exitsThatAlert, type CycleExit } from './cycleExits';

// Why a module of its own: one strategy run and every way it can end, read top to bottom (issue 13, "no silent path").

/** What one run reads and calls; the engine owns the state behind it. */
export interface StrategyCycleContext {
  trigger: string;
  /** false: "Run now" while not running, which only evaluates */
  placeOrders: boolean;
  symbol: string;
  settings: Settings;
  now: number;
  utcOffset: UtcOffset;
  /** read after reconciling: the keys may change meanwhile */
  client(): MexcClient;
  journal: Journal;
  orders: BotOrders;
  market: MarketInfo;
  paper: PaperBroker;
  dayStartPrice: DayStartPrice;
  /** read at the risk check: the kill switch may be pressed while the run is in flight */
  killSwitch(): boolean;
  logger: Logger;
  raiseAlert(alert: AlertInput): void;
  reconcile(): Promise<unknown>;
  refresh(): Promise<void>;
  /** the mode's broker state after the last refresh */
  activeState(): BrokerState | null;
  /** where the mode's new orders go; null in live mode without keys */
  activeRef(): BrokerRef | null;
  brokerForRef(ref: BrokerRef): Broker | null;
  /** ids from damaged journal lines no broker could be asked about yet */
  pendingLostIds(): readonly string[];
  history(): TradeHistory;
  /** called once, as the run ends, before the decision is returned */
  ended(exit: CycleExit, decision: Decision): void;
}

/**
 * What the bot's buys at that broker may still spend: its open orders' rest,
 * plus any order journaled as open that the broker no longer lists and that
 * could not be settled (counted in full, less its journaled fills: an unknown
 * is never counted as nothing).
 */
export function openBuysUsdt(state: BrokerState, ref: BrokerRef, journal: Journal, orders: BotOrders): Decimal {
  const open = state.openOrders.filter((o) => o.side === 'buy' && orders.owns(o));
  const listed = new Set(open.map((o) => o.clientOrderId));
  const resting = open.reduce((sum, o) => sum.add(Decimal.from(o.price).mul(o.remaining)), Decimal.ZERO);
  return journal
    .entries()
    .filter((e) => e.status === 'accepted' && e.intent.side === 'buy' && sameBroker(e.broker, ref) && !listed.has(e.clientOrderId))
    .reduce((sum, e) => {
      const spent = journal.fillsOf(e.clientOrderId).reduce((cost, f) => cost.add(Decimal.from(f.price).mul(f.amount)), Decimal.ZERO);
      const rest = Decimal.from(e.intent.price).mul(e.intent.amount).sub(spent);
      return rest.isPositive() ? sum.add(rest) : sum;
    }, resting);
}

/** Strategy → pre-trade checks → risk limits → journal → broker. Every "buy" ends in an order or an alert that names why not. */
export async function runStrategyCycle(ctx: StrategyCycleContext): Promise<Decision> {
  const { journal, orders, market, settings, now, symbol, trigger } = ctx;
  await ctx.reconcile();
  const client = ctx.client();
  const [candles, ticker] = await Promise.all([client.fetchOHLCV(symbol, '1d', { limit: settings.strategy.candleLimit }), client.fetchTicker(symbol)]);
  const series = candles.filter((c): c is CcxtOHLCV => c.every((v) => typeof v === 'number')) as unknown as OHLCV[];
  const last = String(ticker.last);
  await ctx.refresh();
  const position = ctx.activeState()?.balances?.[market.base]?.total ?? '0';
  const result = emaAccumulationStrategy(series, { symbol, last }, { amount: position }, settings.strategy);
  const signal = `${trigger}: ${result.decision.reason}`;
  const end = (exit: CycleExit, action: Decision['action'], reason: string, alert?: AlertInput): Decision => {
    if (exitsThatAlert.has(exit)) ctx.raiseAlert(alert ?? { severity: 'warning', kind: 'risk', message: `Buy signal not traded: ${reason}`, dedupeKey: `${exit}:${reason}` });
    const decision: Decision = { time: now, action, reason: exit === 'no-signal' || exit === 'placed' ? signal : `${signal} Not traded: ${reason}` };
    ctx.ended(exit, decision);
    ctx.logger.info(`Strategy run (${trigger}): ${decision.reason}`);
    return decision;
  };

  if (result.decision.action !== 'buy' || result.intents.length === 0) return end('no-signal', result.decision.action, signal);
  if (!ctx.placeOrders) return end('preview', 'preview', 'the bot is not running, so this run only evaluated the strategy (start the bot to trade).');
  const ref = ctx.activeRef();
  const broker = ref ? ctx.brokerForRef(ref) : null;
  if (!ref || !broker) return end('broker-unavailable', 'rejected', 'live mode needs the API keys, and none are loaded.');
  if (ref.kind === 'paper' && ctx.paper.needsReset) return end('paper-wallet-needs-reset', 'rejected', 'the paper wallet was lost and could not be rebuilt: reset it in Settings → Paper wallet.');
  const lost = ctx.pendingLostIds()[0];
  if (lost) return end('unresolved-order', 'rejected', `order ${lost} lost its journal line and MEXC could not be asked about it yet; nothing new is sent until it is found or ruled out.`);
  const unresolved = journal.unfinishedIntents().find((entry) => entry.broker === null || sameBroker(entry.broker, ref));
  if (unresolved) return end('unresolved-order', 'rejected', `order ${unresolved.clientOrderId} has an unknown outcome; nothing new is sent until MEXC says what became of it.`);

  const intent = result.intents[0]!;
  const state = ctx.activeState()!;
  const pre = checkPreTrade(intent, {
    market,
    freeBalances: Object.fromEntries(Object.entries(state.balances ?? {}).map(([asset, b]) => [asset, b.free])),
    openOrderCount: state.openOrders.filter((o) => orders.owns(o)).length,
    maxOpenOrders: settings.risk.maxOpenOrders,
  });
  if (!pre.ok) return end('pretrade', 'rejected', pre.rejections.map((r) => `${r.code}: ${r.message}`).join(' '));
  const midnight = startOfLocalDay(now, ctx.utcOffset);
  const history = ctx.history();
  const priceAtMidnight = await ctx.dayStartPrice.at(midnight, (at) => priceAt(client, symbol, at));
  const risk = checkRiskLimits(pre.order, {
    limits: settings.risk,
    positionUsdt: history.pnl(last).costBasis,
    openBuyOrdersUsdt: openBuysUsdt(state, ref, journal, orders).toString(),
    ordersToday: journal.ordersPlacedSince(midnight, ref),
    pnlTodayUsdt: history.pnlSince(midnight, priceAtMidnight, last),
    killSwitch: ctx.killSwitch(),
  });
  if (!risk.ok) return end('risk', 'rejected', risk.rejections.map((r) => `${r.code}: ${r.message}`).join(' '));

  const clientOrderId = clientOrderIdFor({ installId: orders.installId, runDate: localDateStamp(now, ctx.utcOffset), sequence: journal.nextSequence(orders.installId) });
  const label = ref.kind === 'paper' ? 'Paper' : 'Live';
  let submitted;
  try {
    submitted = await submitOrder(journal, broker, ref, clientOrderId, pre.order);
  } catch (error) {
    if (!(error instanceof DuplicateClientOrderIdError)) throw error;
    return end('duplicate-id', 'rejected', error.message);
  }
  await ctx.refresh();
  switch (submitted.status) {
    case 'accepted':
    case 'filled':
      return end('placed', 'buy', signal, {
        severity: 'info',
        kind: 'order',
        message: `${label} buy placed: ${pre.order.amount} ${market.base} at ${pre.order.price} ${market.quote} (${clientOrderId}).`,
        dedupeKey: `order:${clientOrderId}`,
      });
    case 'rejected':
      return end('refused', 'rejected', `${label} order ${clientOrderId} refused: ${submitted.error.message}`, {
        severity: 'warning',
        kind: 'order',
        message: `Order refused: ${submitted.error.message}`,
        dedupeKey: `refused:${clientOrderId}`,
      });
    case 'unknown': {
      const why = submitted.error instanceof OrderOutcomeUnknownError ? submitted.error.message : `Order ${clientOrderId}: outcome unknown (${String(submitted.error)}); reconciling.`;
      await ctx.reconcile().catch(() => undefined);
      return end('unknown-outcome', 'buy', `${label} order ${clientOrderId} was sent but its outcome is unknown; it is being reconciled.`, {
        severity: 'warning',
        kind: 'order',
        message: why,
        dedupeKey: `unknown:${clientOrderId}`,
      });
    }
  }
}

/** The open of the 1m candle that starts at local midnight. */
async function priceAt(client: MexcClient, symbol: string, at: number): Promise<string> {
  const rows = await client.fetchOHLCV(symbol, '1m', { since: at, limit: 1 });
  const open = rows.find((row) => row[0] === at)?.[1] ?? rows[0]?.[1];
  if (typeof open !== 'number') throw new Error('MEXC has no price for local midnight yet');
  return String(open);
}
