import path from 'node:path';
import type { OHLCV as CcxtOHLCV } from 'ccxt';
import type { Balances, Decision, Fill, Order, Pnl } from '../../../shared/contract';
import { Decimal } from '../../../shared/decimal';
import type { Settings } from '../../../shared/settings';
import type { AlertInput } from '../alerts/AlertCenter';
import type { Clock } from '../clock';
import { OrderOutcomeUnknownError } from '../exchange/classifyError';
import type { MexcClient } from '../exchange/MexcClient';
import type { Logger } from '../logging/Logger';
import type { Broker, BrokerFill, BrokerOrder } from '../trading/Broker';
import { emaAccumulationStrategy, type OHLCV } from '../trading/emaAccumulationStrategy';
import { clientOrderIdAt, DuplicateClientOrderIdError, Journal } from '../trading/Journal';
import { reconcileOpenIntents } from '../trading/reconcileOpenIntents';
import { submitOrder, type SubmitResult } from '../trading/submitOrder';
import { startOfLocalDay } from '../trading/localDay';
import { marketInfoFromCcxt, type MarketInfo } from '../trading/MarketInfo';
import { PaperBroker, type MarketView } from '../trading/PaperBroker';
import { checkPreTrade } from '../trading/preTradeChecks';
import { checkRiskLimits } from '../trading/riskLimits';
import { TradeHistory } from '../trading/TradeHistory';
import { LiveBroker } from './LiveBroker';

export const JOURNAL_FILE = 'journal.jsonl';
const RECENT_FILLS = 20;

export interface TradingEngineOptions {
  dataDir: string;
  symbol: string;
  clock: Clock;
  logger: Logger;
  client: () => MexcClient;
  settings: () => Settings;
  raiseAlert(alert: AlertInput): void;
  onChange(): void;
}

/**
 * Strategy → pre-trade checks → risk limits → journal → broker, and back:
 * fills become alerts and history. Every intent is journaled (and flushed)
 * before it is sent; anything unfinished is reconciled before new orders.
 */
export class TradingEngine {
  private journal: Journal | null = null;
  private broker: Broker | null = null;
  private market: MarketInfo | null = null;
  private fills: BrokerFill[] = [];
  private openOrders: BrokerOrder[] = [];
  private balances: Record<string, { free: string; used: string; total: string }> | null = null;
  private lastDecision: Decision | null = null;
  private killSwitch = false;
  private cycle: Promise<Decision> | null = null;
  mode: 'dry-run' | 'live' = 'dry-run';

  constructor(private readonly options: TradingEngineOptions) {}

  get decision(): Decision | null {
    return this.lastDecision;
  }

  get ready(): boolean {
    return this.broker !== null;
  }

  /** Opens the journal and the broker for the mode, then reconciles what a crash may have left open. */
  async open(mode: 'dry-run' | 'live'): Promise<void> {
    this.journal ??= await Journal.open(path.join(this.options.dataDir, JOURNAL_FILE), this.options.clock);
    for (const problem of this.journal.problems) {
      this.options.raiseAlert({ severity: 'critical', kind: 'journal', message: `Journal: ${problem.message}`, dedupeKey: `journal:${problem.message}` });
    }
    this.market = marketInfoFromCcxt((await this.options.client().market(this.options.symbol))!);
    this.mode = mode;
    this.broker =
      mode === 'live'
        ? new LiveBroker(this.options.client(), this.market)
        : await PaperBroker.open({
            dataDir: this.options.dataDir,
            market: this.market,
            clock: this.options.clock,
            initialBalances: { [this.market.quote]: String(this.options.settings().paper.initialUsdt), [this.market.base]: '0' },
          });
    await this.reconcile();
    await this.refresh();
  }

  /** Every unfinished intent is looked up by clientOrderId before anything new is sent. */
  async reconcile(): Promise<number> {
    const { journal, broker } = this.require();
    const report = await reconcileOpenIntents(journal, broker);
    if (report.settled.length > 0) this.options.logger.info(`Reconciled ${report.settled.length} unfinished order intent(s) against the ${broker.kind} broker.`);
    for (const pending of report.pending) {
      this.options.raiseAlert({ severity: 'warning', kind: 'order', message: `Order ${pending.clientOrderId} is still unresolved: ${pending.error}`, dedupeKey: `pending:${pending.clientOrderId}` });
    }
    return report.settled.length;
  }

  /** One strategy run: never two at once. */
  runCycle(trigger: string): Promise<Decision> {
    this.cycle ??= this.doCycle(trigger).finally(() => (this.cycle = null));
    return this.cycle;
  }

  /** The paper broker fills against each fresh book; live fills are polled. */
  async onMarket(view: MarketView): Promise<void> {
    if (!(this.broker instanceof PaperBroker)) return;
    const fills = await this.broker.onMarket(view);
    if (fills.length > 0) await this.noteFills(fills);
  }

  async pollLiveFills(): Promise<void> {
    if (this.broker?.kind !== 'live') return;
    const since = this.fills.at(-1)?.timestamp ?? this.options.clock.now() - 86_400_000;
    const known = new Set(this.fills.map((f) => f.id));
    const fresh = (await this.broker.fetchMyTrades(since)).filter((fill) => !known.has(fill.id));
    if (fresh.length > 0) await this.noteFills(fresh);
  }

  async cancelOrder(id: string): Promise<BrokerOrder> {
    const order = await this.require().broker.cancelOrder(id);
    await this.refresh();
    return order;
  }

  async cancelAll(): Promise<number> {
    const canceled = await this.require().broker.cancelAll();
    await this.refresh();
    return canceled.length;
  }

  /** The big red button: no new orders, every open one canceled. */
  async engageKillSwitch(): Promise<number> {
    this.killSwitch = true;
    const canceled = this.broker ? await this.cancelAll() : 0;
    this.options.raiseAlert({ severity: 'critical', kind: 'risk', message: `Kill switch engaged: ${canceled} open order(s) canceled, trading paused.` });
    return canceled;
  }

  releaseKillSwitch(): void {
    this.killSwitch = false;
  }

  async resetPaperWallet(usdt: string): Promise<void> {
    if (!(this.broker instanceof PaperBroker)) throw new Error('The paper wallet can only be reset in dry-run mode.');
    await this.broker.reset({ [this.market!.quote]: usdt, [this.market!.base]: '0' });
    this.fills = [];
    await this.refresh();
  }

  history(): TradeHistory {
    return new TradeHistory(this.fills, { base: this.market?.base ?? 'QRL', quote: this.market?.quote ?? 'USDT' });
  }

  async refresh(): Promise<void> {
    if (!this.broker) return;
    const [open, balances, fills] = await Promise.all([this.broker.fetchOpenOrders(), this.broker.fetchBalance(), this.broker.fetchMyTrades(0)]);
    this.openOrders = open;
    this.balances = balances;
    this.fills = fills;
    this.options.onChange();
  }

  /** The snapshot's trading parts, as contract shapes. */
  view(lastPrice: string | null, fetchedAt: number, stale: boolean): { balances: Balances | null; openOrders: Order[]; recentFills: Fill[]; pnl: Pnl | null } {
    const paper = this.broker?.kind !== 'live';
    const pnl = this.history().pnl(lastPrice);
    const assets = this.balances
      ? Object.entries(this.balances).map(([asset, b]) => ({
          asset,
          free: b.free,
          locked: b.used,
          valueUsdt: asset === this.market?.quote ? b.total : lastPrice ? Decimal.from(b.total).mul(lastPrice).toFixed(2) : null,
        }))
      : [];
    const total = assets.every((a) => a.valueUsdt !== null) ? assets.reduce((sum, a) => sum.add(a.valueUsdt!), Decimal.ZERO).toFixed(2) : null;
    return {
      balances: this.balances ? { source: paper ? 'paper' : 'exchange', assets, totalUsdt: total, fetchedAt, stale } : null,
      openOrders: this.openOrders.map((o) => ({
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
      })),
      recentFills: this.contractFills(RECENT_FILLS),
      pnl: this.broker ? { positionAmount: pnl.positionAmount, averageCost: pnl.averageCost, realized: pnl.realized, unrealized: pnl.unrealized } : null,
    };
  }

  /** Fills as the contract shows them, newest first; all of them unless a limit is given. */
  contractFills(limit = Number.POSITIVE_INFINITY): Fill[] {
    const paper = this.broker?.kind !== 'live';
    return this.fills
      .slice(-Math.min(limit, this.fills.length) || this.fills.length)
      .reverse()
      .map((f) => ({ id: f.id, orderId: f.orderId, side: f.side, price: f.price, amount: f.amount, cost: f.cost, fee: f.fee.cost, feeAsset: f.fee.currency, time: f.timestamp, paper }));
  }

  private async doCycle(trigger: string): Promise<Decision> {
    const { journal, broker, market } = this.require();
    const settings = this.options.settings();
    const now = this.options.clock.now();
    await this.reconcile();
    const client = this.options.client();
    const [candles, ticker] = await Promise.all([
      client.fetchOHLCV(this.options.symbol, '1d', { limit: settings.strategy.candleLimit }),
      client.fetchTicker(this.options.symbol),
    ]);
    const series = candles.filter((c): c is CcxtOHLCV => c.every((v) => typeof v === 'number')) as unknown as OHLCV[];
    const last = String(ticker.last);
    const result = emaAccumulationStrategy(series, { symbol: this.options.symbol, last }, { amount: this.balances?.[market.base]?.total ?? '0' }, settings.strategy);
    let decision: Decision = { time: now, action: result.decision.action, reason: `${trigger}: ${result.decision.reason}` };

    for (const [index, intent] of result.intents.entries()) {
      await this.refresh();
      const pre = checkPreTrade(intent, {
        market,
        freeBalances: Object.fromEntries(Object.entries(this.balances ?? {}).map(([asset, b]) => [asset, b.free])),
        openOrderCount: this.openOrders.length,
        maxOpenOrders: settings.risk.maxOpenOrders,
      });
      if (!pre.ok) {
        decision = this.reject(now, trigger, pre.rejections.map((r) => `${r.code}: ${r.message}`).join(' '), 'pretrade');
        continue;
      }
      const history = this.history();
      const midnight = startOfLocalDay(now);
      const risk = checkRiskLimits(pre.order, {
        limits: settings.risk,
        positionUsdt: history.pnl(last).costBasis,
        openBuyOrdersUsdt: this.openOrders.filter((o) => o.side === 'buy').reduce((sum, o) => sum.add(Decimal.from(o.price).mul(o.remaining)), Decimal.ZERO).toString(),
        ordersToday: journal.ordersPlacedSince(midnight),
        pnlTodayUsdt: history.pnlSince(midnight, this.openPriceToday(series, midnight) ?? last, last),
        killSwitch: this.killSwitch,
      });
      if (!risk.ok) {
        decision = this.reject(now, trigger, risk.rejections.map((r) => `${r.code}: ${r.message}`).join(' '), 'risk');
        continue;
      }
      const clientOrderId = clientOrderIdAt(now, this.options.symbol, intent.side, journal.ordersPlacedSince(midnight) + 1 + index);
      let submitted: SubmitResult;
      try {
        submitted = await submitOrder(journal, broker, clientOrderId, pre.order);
      } catch (error) {
        if (error instanceof DuplicateClientOrderIdError) continue; // this run's order is already journaled
        throw error;
      }
      switch (submitted.status) {
        case 'accepted':
        case 'filled':
          this.options.raiseAlert({ severity: 'info', kind: 'order', message: `${broker.kind === 'paper' ? 'Paper' : 'Live'} buy placed: ${pre.order.amount} ${market.base} at ${pre.order.price} ${market.quote} (${clientOrderId}).`, dedupeKey: `order:${clientOrderId}` });
          break;
        case 'rejected':
          this.options.raiseAlert({ severity: 'warning', kind: 'order', message: `Order refused: ${submitted.error.message}`, dedupeKey: `refused:${clientOrderId}` });
          break;
        case 'unknown': {
          const why = submitted.error instanceof OrderOutcomeUnknownError ? submitted.error.message : `Order ${clientOrderId}: outcome unknown (${String(submitted.error)}); reconciling.`;
          this.options.raiseAlert({ severity: 'warning', kind: 'order', message: why, dedupeKey: `unknown:${clientOrderId}` });
          await this.reconcile().catch(() => undefined);
        }
      }
    }
    if (result.decision.action === 'buy' && decision.action === 'buy') {
      this.options.raiseAlert({ severity: 'info', kind: 'signal', message: result.decision.reason, dedupeKey: `signal:${startOfLocalDay(now)}` });
    }
    this.lastDecision = decision;
    await this.refresh();
    this.options.logger.info(`Strategy run (${trigger}): ${decision.reason}`);
    return decision;
  }

  private reject(now: number, trigger: string, why: string, kind: 'pretrade' | 'risk'): Decision {
    this.options.raiseAlert({ severity: 'warning', kind: 'risk', message: `Buy signal not traded: ${why}`, dedupeKey: `${kind}:${why}` });
    return { time: now, action: 'rejected', reason: `${trigger}: buy signal refused. ${why}` };
  }

  private openPriceToday(series: OHLCV[], midnight: number): string | null {
    const candle = [...series].reverse().find((c) => c[0] <= midnight) ?? series.at(-1);
    return candle ? String(candle[1]) : null;
  }

  private async noteFills(fresh: BrokerFill[]) {
    for (const fill of fresh) {
      this.options.raiseAlert({
        severity: 'info',
        kind: 'fill',
        message: `${fill.side === 'buy' ? 'Bought' : 'Sold'} ${fill.amount} ${this.market?.base ?? ''} at ${fill.price} (${this.broker?.kind === 'live' ? 'live' : 'paper'}); fee ${fill.fee.cost} ${fill.fee.currency}.`,
        dedupeKey: `fill:${fill.id}`,
      });
      if (fill.clientOrderId && this.journal?.entry(fill.clientOrderId)) {
        await this.journal.recordOutcome(fill.clientOrderId, {
          status: 'filled',
          orderId: fill.orderId,
          fills: [{ id: fill.id, price: fill.price, amount: fill.amount, fee: fill.fee.cost, feeCurrency: fill.fee.currency, timestamp: fill.timestamp }],
        });
      }
    }
    await this.refresh();
  }

  private require(): { journal: Journal; broker: Broker; market: MarketInfo } {
    if (!this.journal || !this.broker || !this.market) throw new Error('Trading is not ready yet: the market could not be loaded.');
    return { journal: this.journal, broker: this.broker, market: this.market };
  }
}
