/**
 * FAKE ENGINE: canned, schema-valid data for developing and screenshotting the
 * renderer before the real engine answers every command. It is NOT the engine:
 * tests of the product's behaviour run against BotService and the MEXC
 * simulator. Use this only for UI development and renderer-only tests.
 */
import { EventEmitter } from 'node:events';
import {
  ContractFailure,
  type Alert,
  type BacktestResult,
  type Candle,
  type ChartTimeframe,
  type CommandHandlers,
  type EventName,
  type EventPayload,
  type Fill,
  type Snapshot,
  type TradingMode,
} from '../../shared/contract';
import { defaultSettings, type Settings } from '../../shared/settings';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const timeframeMs: Record<ChartTimeframe, number> = { '1d': DAY, '4h': 4 * HOUR, '1h': HOUR, '15m': 15 * 60_000 };

/** A deterministic random walk, so screenshots are stable run to run. */
function walk(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const fixed = (value: number, digits = 4) => value.toFixed(digits);
/** a benchmark curve shaped like the strategy's, scaled: enough to draw three lines */
const fakeCurve = (points: readonly { time: number; equityUsdt: string }[], scale: number) => {
  const equity = points.map((point) => ({ time: point.time, equityUsdt: fixed(Number(point.equityUsdt) * scale, 2) }));
  const last = equity.at(-1)?.equityUsdt ?? '0';
  return { equity, finalEquityUsdt: last, pnlUsdt: fixed(Number(last) - Number(points[0]?.equityUsdt ?? last), 2), maxDrawdownPercent: '12.50', spentUsdt: '1000', baseAccumulated: '4000', averageCostUsdt: '0.25', buys: 20 };
};

export function fakeCandles(timeframe: ChartTimeframe, limit: number, now: number): Candle[] {
  const step = timeframeMs[timeframe];
  const random = walk(timeframe.length * 7 + limit);
  let price = 0.2;
  const start = Math.floor(now / step) * step - (limit - 1) * step;
  return Array.from({ length: limit }, (_, index) => {
    const open = price;
    const close = Math.max(0.05, open * (1 + (random() - 0.48) * 0.08));
    const high = Math.max(open, close) * (1 + random() * 0.03);
    const low = Math.min(open, close) * (1 - random() * 0.03);
    price = close;
    return { time: start + index * step, open: fixed(open), high: fixed(high), low: fixed(low), close: fixed(close), volume: fixed(100_000 + random() * 900_000, 0) };
  });
}

export interface FakeEngineOptions {
  /** everything empty: no market, no balances, no fills, no alerts */
  empty?: boolean;
  /** market data reported as stale, breaker open */
  outage?: boolean;
  now?: () => number;
}

export class FakeEngine {
  private readonly emitter = new EventEmitter();
  private readonly now: () => number;
  private version = 1;
  private mode: TradingMode = 'dry-run';
  private state: Snapshot['status']['state'] = 'running';
  private maskedKey: string | null = null;
  private settings: Settings = { ...defaultSettings(), priceAlerts: [{ id: 'rule-1', type: 'above', value: '0.25', enabled: true }] };
  private alerts: Alert[] = [];
  private fills: Fill[] = [];

  constructor(private readonly options: FakeEngineOptions = {}) {
    this.now = options.now ?? Date.now;
    const t = this.now();
    if (!options.empty) {
      this.fills = [
        { id: 'f3', orderId: 'o3', side: 'sell', price: '0.2187', amount: '1200', cost: '262.44', fee: '0.26244', feeAsset: 'USDT', time: t - 2 * HOUR, paper: true },
        { id: 'f2', orderId: 'o2', side: 'buy', price: '0.2011', amount: '1200', cost: '241.32', fee: '0.24132', feeAsset: 'USDT', time: t - 30 * HOUR, paper: true },
        { id: 'f1', orderId: 'o1', side: 'buy', price: '0.1954', amount: '800', cost: '156.32', fee: '0.15632', feeAsset: 'USDT', time: t - 3 * DAY, paper: true },
      ];
      this.alerts = [
        { id: 'a3', time: t - 2 * HOUR, severity: 'info', kind: 'fill', message: 'Paper SELL 1,200 QRL at 0.2187 USDT filled.' },
        { id: 'a2', time: t - 5 * HOUR, severity: 'warning', kind: 'price', message: 'QRL above 0.2150 USDT (rule-1).' },
        { id: 'a1', time: t - DAY, severity: 'critical', kind: 'api', message: 'MEXC answered 503 three times: circuit breaker opened for 30 s.' },
      ];
    }
  }

  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    this.emitter.emit(event, payload);
  }

  publishSnapshot(): void {
    this.version += 1;
    this.emit('snapshot', this.snapshot());
  }

  snapshot(): Snapshot {
    const t = this.now();
    const empty = this.options.empty ?? false;
    const stale = this.options.outage ?? false;
    const fetchedAt = stale ? t - 4 * 60_000 : t - 3000;
    return {
      version: this.version,
      time: t,
      status: { state: this.state, mode: this.mode, symbol: 'QRL/USDT', since: t - 3 * HOUR, reason: null },
      nextRunAt: this.state === 'running' ? t + 7 * HOUR + 12 * 60_000 : null,
      lastDecision: empty ? null : { time: t - 17 * HOUR, action: 'hold', reason: 'Close 0.2143 is inside the band (EMA20 0.2098 ± 2 %): no signal.' },
      market: empty
        ? null
        : { last: '0.2143', change24hPercent: '-2.35', bid: '0.2142', ask: '0.2144', high24h: '0.2231', low24h: '0.2101', volume24h: '1843220.55', fetchedAt, stale },
      orderBook: null,
      balances: empty
        ? null
        : {
            source: this.mode === 'live' ? 'exchange' : 'paper',
            assets: [
              { asset: 'USDT', free: '812.4431', locked: '120.0000', valueUsdt: '932.4431' },
              { asset: 'QRL', free: '800', locked: '0', valueUsdt: '171.44' },
            ],
            totalUsdt: '1103.8831',
            fetchedAt,
            stale,
          },
      openOrders: empty
        ? []
        : [
            { id: 'o4', clientOrderId: 'qtb-k3x9a2mq-20261125-000001', side: 'buy', type: 'limit', price: '0.2000', amount: '600', filled: '0', status: 'open', time: t - HOUR, paper: this.mode === 'dry-run', placedByBot: true },
            { id: 'o5', clientOrderId: 'by-hand-7', side: 'buy', type: 'limit', price: '0.1500', amount: '100', filled: '0', status: 'open', time: t - 2 * HOUR, paper: false, placedByBot: false },
          ],
      recentFills: this.fills,
      pnl: empty ? null : { positionAmount: '800', averageCost: '0.1954', realized: '20.6562', unrealized: '15.12' },
      alerts: this.alerts,
      apiHealth: empty
        ? null
        : {
            breaker: stale ? 'open' : 'closed',
            cache: this.settings.redisUrl ? 'redis' : 'memory',
            weight: { ip: 42, account: 12, limit: 500, windowMs: 10_000 },
            dataTypes: {
              ticker: { hits: 180, misses: 20, upstreamCalls: 20, errors: stale ? 3 : 0, retries: stale ? 6 : 1, fetchedAt },
              ohlcv: { hits: 44, misses: 2, upstreamCalls: 2, errors: 0, retries: 0, fetchedAt: t - HOUR },
              balance: { hits: 30, misses: 6, upstreamCalls: 6, errors: 0, retries: 0, fetchedAt },
            },
            latencyMs: { p50: 84, p99: 412, samples: 220 },
            lastError: stale ? 'MEXC 503 Service Unavailable (3 in a row)' : null,
          },
      whyNot: empty
        ? null
        : {
            signal: 'hold',
            reason: 'Close 0.2143 > EMA60×1.02 = 0.2112 (not near support): hold',
            params: { emaFast: 20, emaSlow: 60, buyThreshold: 1.02 },
            close: '0.2143',
            emaFast: '0.2098',
            emaSlow: '0.2071',
            threshold: '0.2112',
            gap: '0.0031',
            gapPercent: '1.45',
            trendUp: true,
            blockers: this.state === 'running' ? [] : [{ code: 'BOT_NOT_RUNNING', message: 'The bot is not running: a run only evaluates the strategy.', by: null }],
            nextRunAt: this.state === 'running' ? t + 7 * HOUR + 12 * 60_000 : null,
            summary: 'No buy: close 1.45 % above the buy line',
          },
    };
  }

  private lifecycle(to: Snapshot['status']['state']) {
    this.state = to;
    this.publishSnapshot();
    return this.snapshot().status;
  }

  readonly handlers: CommandHandlers = {
    getSnapshot: async () => this.snapshot(),
    startBot: async () => this.lifecycle('running'),
    pauseBot: async () => this.lifecycle('paused'),
    resumeBot: async () => this.lifecycle('running'),
    stopBot: async () => this.lifecycle('stopped'),
    killSwitch: async () => this.lifecycle('paused'),
    getApiKeyStatus: async () => ({ configured: this.maskedKey !== null, maskedKey: this.maskedKey }),
    saveApiKeys: async ({ apiKey }) => {
      this.maskedKey = `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}`;
      return { configured: true, maskedKey: this.maskedKey };
    },
    clearApiKeys: async () => {
      this.maskedKey = null;
      return { configured: false, maskedKey: null };
    },
    testConnection: async () =>
      this.maskedKey
        ? { ok: true, canTrade: true, canWithdraw: false, latencyMs: 91, message: 'MEXC accepted a signed request (account read).' }
        : { ok: false, canTrade: false, canWithdraw: false, latencyMs: null, message: 'No API keys saved.' },
    getSettings: async () => this.settings,
    setSettings: async (settings) => {
      this.settings = settings;
      return this.settings;
    },
    setMode: async (input) => {
      if (input.mode === 'live' && !this.maskedKey) throw new ContractFailure('INVALID_STATE', 'Live mode needs API keys: save them in Settings first.');
      this.mode = input.mode;
      this.publishSnapshot();
      return this.snapshot().status;
    },
    runNow: async () => ({ time: this.now(), action: 'hold', reason: 'No signal.' }),
    cancelOrder: async ({ id }) => {
      const [order] = this.snapshot().openOrders;
      if (!order) throw new ContractFailure('INVALID_STATE', 'No open order to cancel.');
      return { ...order, id, status: 'canceled' };
    },
    cancelAllOrders: async () => ({ canceled: 1 }),
    getCandles: async ({ timeframe, limit }) => ({
      timeframe,
      candles: this.options.empty ? [] : fakeCandles(timeframe, Math.min(limit, 90), this.now()),
      fetchedAt: this.now() - (this.options.outage ? 4 * 60_000 : 5000),
      stale: this.options.outage ?? false,
    }),
    runBacktest: async ({ days, initialUsdt }) => {
      const runId = 'bt-1';
      const total = days;
      for (let done = 0; done <= total; done += Math.ceil(total / 8)) {
        this.emit('backtestProgress', { runId, done, total });
        await new Promise((resolve) => setTimeout(resolve, 120));
      }
      const candles = fakeCandles('1d', Math.min(days, 365), this.now());
      let equity = Number(initialUsdt);
      const equityPoints = candles.map((candle, index) => {
        equity *= 1 + (Number(candle.close) / Number(candle.open) - 1) * 0.5;
        return { time: candle.time, equityUsdt: fixed(equity + index * 0.01, 2) };
      });
      const trades = candles
        .filter((_, index) => index % 37 === 5)
        .map((candle, index) => ({
          time: candle.time,
          side: index % 2 ? ('sell' as const) : ('buy' as const),
          price: candle.close,
          amount: '1000',
          cost: fixed(Number(candle.close) * 1000, 2),
          fee: '0.2',
          reason: index % 2 ? 'Close crossed below EMA20 by 2 %.' : 'Close crossed above EMA20 by 2 %.',
        }));
      const [firstCandle, lastCandle, lastPoint] = [candles[0], candles.at(-1), equityPoints.at(-1)];
      if (!firstCandle || !lastCandle || !lastPoint) throw new ContractFailure('INVALID_PAYLOAD', 'A backtest needs at least one day.');
      const result: BacktestResult = {
        runId,
        from: firstCandle.time,
        to: lastCandle.time,
        trades,
        finalEquityUsdt: lastPoint.equityUsdt,
        pnlUsdt: fixed(Number(lastPoint.equityUsdt) - Number(initialUsdt), 2),
        maxDrawdownPercent: '18.42',
        equity: equityPoints,
        requestedDays: days,
        usedDays: equityPoints.length,
        historyNote: equityPoints.length < days ? `Asked for ${days} days; the fake engine has ${equityPoints.length}.` : null,
        fillModel: 'Fake engine: no fills are simulated.',
        spentUsdt: '500',
        baseAccumulated: '2000',
        averageCostUsdt: '0.25',
        benchmarks: { buyAndHold: fakeCurve(equityPoints, 1.1), dailyDca: fakeCurve(equityPoints, 0.95) },
      };
      return result;
    },
    runBacktestSweep: async ({ days, initialUsdt, buyThresholds, priceOffsets, emaPeriods }) => {
      const cells = emaPeriods.flatMap(({ fast, slow }) => buyThresholds.flatMap((buyThreshold) => priceOffsets.map((priceOffset) => ({ buyThreshold, priceOffset, emaFast: fast, emaSlow: slow }))));
      const done = cells.map((cell, index) => {
        const pnl = (buyThreshold: number, priceOffset: number) => (buyThreshold - 1) * 1000 - (1 - priceOffset) * 500;
        const value = pnl(cell.buyThreshold, cell.priceOffset);
        const result = { ...cell, index, finalEquityUsdt: fixed(Number(initialUsdt) + value, 2), pnlUsdt: fixed(value, 2), maxDrawdownPercent: fixed(Math.abs(value) / 10, 2), averageCostUsdt: '0.2500', baseAccumulated: '1000', buys: 10 };
        this.emit('backtestSweepProgress', { sweepId: 'sweep-1', done: index + 1, total: cells.length, cell: result });
        return result;
      });
      const now = this.now();
      return { sweepId: 'sweep-1', status: 'done' as const, from: now - days * 86_400_000, to: now, requestedDays: days, usedDays: days, historyNote: null, fillModel: 'Fake engine: no fills are simulated.', total: cells.length, cells: done };
    },
    cancelBacktestSweep: async () => ({ canceled: false }),
    getTradeHistory: async () => ({ fills: this.fills, pnl: this.snapshot().pnl ?? { positionAmount: '0', averageCost: null, realized: '0', unrealized: null } }),
    exportTrades: async () => ({ fileName: 'qrl-trades.csv', csv: 'time,side,price,amount\n' }),
    importTrades: async () => ({ status: 'imported' as const, format: 'app' as const, rows: 0, imported: 0, duplicates: 0 }),
    resetPaperWallet: async () => this.snapshot().balances!,
    acknowledgeAlerts: async () => ({ acknowledged: this.alerts.length }),
  };
}
