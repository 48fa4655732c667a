import type { BotState, WhyNot } from '../../../shared/contract';
import { Decimal } from '../../../shared/decimal';
import type { RiskLimits, StrategyParams } from '../../../shared/tradingSettings';
import { emaAccumulationStrategy, type OHLCV } from '../trading/emaAccumulationStrategy';
import type { OrderIntent } from '../trading/OrderIntent';
import { checkPreTrade } from '../trading/preTradeChecks';
import { checkRiskLimits } from '../trading/riskLimits';
import type { OrderChecksNow } from './orderChecksNow';

// Why a module of its own: the question users ask most, "why hasn't it bought?" (issue 17), answered in one place from the strategy's own rule and the real checks.

export interface WhyNotInput {
  symbol: string;
  /** the daily candles the engine holds (oldest first), the day still forming last; null before the first read */
  candles: readonly OHLCV[] | null;
  /** ticker.last, null before the first ticker */
  last: string | null;
  strategy: StrategyParams;
  risk: RiskLimits;
  botState: BotState;
  nextRunAt: number | null;
  /** null while trading is not open (MEXC's market rules not loaded yet) */
  checks: OrderChecksNow | null;
  /** the market's price decimals, for display */
  pricePlaces: number;
}

type Blocker = WhyNot['blockers'][number];

/** Places an unrounded amount keeps, as the strategy does: the pre-trade checks cut it to the step. */
const AMOUNT_PLACES = 12;

/**
 * The strategy's rule on the newest daily candle (emaAccumulationStrategy itself,
 * so the answer can never disagree with a run), how far the close is from the
 * buy line, and what would refuse the strategy's buy if it were sent now: the
 * bot's state, then preTradeChecks.ts and riskLimits.ts, each with how far over.
 */
export function whyNotYet(input: WhyNotInput): WhyNot {
  const { strategy } = input;
  const result = emaAccumulationStrategy(input.candles ?? [], { symbol: input.symbol, last: input.last ?? '0' }, { amount: '0' }, strategy);
  const { close, emaFast, emaSlow, threshold } = result.decision.indicators;
  const places = Math.max(4, input.pricePlaces);
  const price = (value: number | null) => (value === null ? null : value.toFixed(places));
  const known = close !== null && emaFast !== null && emaSlow !== null && threshold !== null;
  // The strategy's two conditions, in its own float arithmetic (emaAccumulationStrategy.ts): close ≤ EMA slow × threshold and EMA fast ≥ EMA slow.
  const inZone = known ? close <= threshold : null;
  const trendUp = known ? emaFast >= emaSlow : null;
  const blockers = blockersNow(input);
  const gapPercent = known ? (((close - threshold) / close) * 100).toFixed(2) : null;
  return {
    signal: !known ? 'unknown' : inZone && trendUp ? 'buy' : 'hold',
    reason: result.decision.reason,
    params: { emaFast: strategy.emaFast, emaSlow: strategy.emaSlow, buyThreshold: strategy.buyThreshold },
    close: price(close),
    emaFast: price(emaFast),
    emaSlow: price(emaSlow),
    threshold: price(threshold),
    gap: known ? price(close - threshold) : null,
    gapPercent,
    trendUp,
    blockers,
    nextRunAt: input.nextRunAt,
    summary: summaryOf({ known, inZone, trendUp, gapPercent, blockers, strategy }),
  };
}

/** Everything that would refuse the strategy's buy if it were sent now, in the order a run meets them. */
function blockersNow(input: WhyNotInput): Blocker[] {
  const blockers: Blocker[] = [];
  const block = (code: string, message: string, by: string | null = null) => blockers.push({ code, message, by });
  if (input.botState !== 'running') block('BOT_NOT_RUNNING', `The bot is ${input.botState}: it buys only while running ("Run now" then only evaluates).`);
  const { checks } = input;
  if (!checks) {
    block('NOT_READY', "Trading is not ready: MEXC's market rules have not loaded yet.");
    return blockers;
  }
  if (checks.held) block(checks.held.code, checks.held.message);
  if (input.last === null || !Decimal.from(input.last).isPositive()) {
    block('NO_PRICE', 'No last price yet: the order size depends on it.');
    return blockers;
  }
  const intent = strategyBuy(input.symbol, input.last, input.strategy);
  const pre = checkPreTrade(intent, checks.preTrade);
  const usdt = (amount: Decimal) => `${amount.toFixed(2)} USDT`;
  if (!pre.ok) {
    for (const rejection of pre.rejections) {
      const by = rejection.code === 'INSUFFICIENT_BALANCE' && pre.order ? usdt(costOf(pre.order).sub(checks.preTrade.freeBalances[checks.preTrade.market.quote] ?? 0)) : null;
      block(rejection.code, rejection.message, by);
    }
  }
  const order = pre.order ?? intent;
  const value = costOf(order);
  const limits = input.risk;
  const risk = checkRiskLimits(order, { ...checks.risk, limits, pnlTodayUsdt: checks.risk.pnlTodayUsdt ?? '0' });
  if (!risk.ok) {
    for (const rejection of risk.rejections) {
      const by: Record<typeof rejection.code, () => string | null> = {
        KILL_SWITCH: () => null,
        MAX_POSITION: () => usdt(Decimal.from(checks.risk.positionUsdt).add(checks.risk.openBuyOrdersUsdt).add(value).sub(limits.maxPositionUsdt)),
        MAX_ORDER_VALUE: () => usdt(value.sub(limits.maxOrderUsdt)),
        DAILY_LOSS_CAP: () => usdt(Decimal.from(checks.risk.pnlTodayUsdt ?? '0').neg().sub(limits.dailyLossCapUsdt)),
        MAX_ORDERS_PER_DAY: () => `${checks.risk.ordersToday - limits.maxOrdersPerDay + 1} order(s)`,
      };
      block(rejection.code, rejection.message, by[rejection.code]());
    }
  }
  return blockers;
}

/** The order the strategy places on a buy signal (emaAccumulationStrategy.ts): a limit at last × PRICE_OFFSET for BASE_ORDER_USDT. */
function strategyBuy(symbol: string, last: string, strategy: StrategyParams): OrderIntent {
  const price = Decimal.from(last).mul(strategy.priceOffset);
  const amount = Decimal.from(strategy.baseOrderUsdt).div(price, AMOUNT_PLACES, 'down');
  return { symbol, side: 'buy', type: 'limit', price: price.toString(), amount: amount.toString(), reason: 'why-not preview' };
}

const costOf = (order: OrderIntent) => Decimal.from(order.price).mul(order.amount);

interface SummaryParts {
  known: boolean;
  inZone: boolean | null;
  trendUp: boolean | null;
  gapPercent: string | null;
  blockers: Blocker[];
  strategy: StrategyParams;
}

/** One short line: the tray tooltip carries it beside price and state. */
function summaryOf({ known, inZone, trendUp, gapPercent, blockers, strategy }: SummaryParts): string {
  if (!known) return `No buy: not enough daily candles for EMA${strategy.emaSlow} yet`;
  if (inZone && trendUp) {
    const first = blockers[0];
    return first ? `Buy signal, held: ${first.code}${first.by ? ` (over by ${first.by})` : ''}` : 'Buy signal: the next run buys';
  }
  const why = [inZone ? null : `close ${gapPercent} % above the buy line`, trendUp ? null : `EMA${strategy.emaFast} below EMA${strategy.emaSlow}`];
  return `No buy: ${why.filter(Boolean).join(', ')}`;
}
