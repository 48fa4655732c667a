import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedUtcOffset } from '../../main/core/trading/localDay';
import { SETTINGS_FILE } from '../../main/core/settings/SettingsStore';
import { PAPER_WALLET_FILE } from '../../main/core/trading/PaperBroker';
import { DAY_START_FILE } from '../../main/core/trading/DayStartPrice';
import { ORDER_ARRIVAL_WINDOW_MS } from '../../main/core/trading/reconcileOpenIntents';
import { createSimMexcClient } from '../support/createSimMexcClient';
import { buyingSettings, MONEY_KEYS, damageFirstIntentLine, runLiveAfterAMonthAway, useMoneyEngines, type MoneyEngine } from '../support/moneyPathScenario';
import { untilTrue } from '../support/eventLoopTurns';
import { VirtualTime } from '../support/VirtualTime';

const MINUTE = 60_000;

/** Issue 13's ten defects, each replayed as it was found; each must stay fixed. */
describe('the money path: regression tests for issue 13', () => {
  const start = useMoneyEngines();

  /** Drives the simulated market through the bot's resting buys, so they fill. */
  const fillRestingBuys = async (engine: MoneyEngine) => {
    const path = engine.sim.state.paths.get('QRLUSDT')!;
    const lowest = Math.min(...engine.exchangeOrders().map((o) => Number(o.price)));
    path.force(lowest * 0.9, engine.time.now());
    await engine.time.advance(MINUTE);
    path.force(null, engine.time.now());
    await engine.time.advance(MINUTE); // the live fill poll reads them
    await untilTrue(() => engine.service.snapshot().openOrders.every((o) => !o.placedByBot), "the bot's buys filled");
  };

  it('defect 1: a restart in dry-run reconciles a live order of unknown outcome with MEXC, never calling it "never placed"', async () => {
    const engine = await start({ live: true });
    await engine.service.handlers.startBot(undefined);
    engine.sim.faults.inject({ kind: '5xx-after-accept', path: '/api/v3/order', method: 'POST' });
    engine.sim.faults.inject({ kind: '5xx-before', path: '/api/v3/order', method: 'GET', times: 50 });
    await engine.service.handlers.runNow(undefined);
    const [onExchange] = engine.exchangeOrders();
    expect(onExchange?.status).toBe('NEW');
    expect((await engine.journalEntries())[0]!.status).toBe('unknown');

    engine.sim.faults.clear();
    const restarted = await engine.restart({ crash: true });
    expect(restarted.snapshot().status.mode).toBe('dry-run');
    const [entry] = await engine.journalEntries();
    expect(entry).toMatchObject({ clientOrderId: onExchange!.clientOrderId, status: 'accepted', orderId: onExchange!.orderId, broker: { kind: 'live' } });
    expect(entry!.outcomes.some((o) => o.status === 'rejected')).toBe(false);
    // still tracked in dry-run: the live order shows, as the bot's
    expect(restarted.snapshot().openOrders).toEqual([expect.objectContaining({ id: onExchange!.orderId, paper: false, placedByBot: true })]);
  });

  it('defect 2: a failed placement does not stop trading: the next run gets a new id and places its order', async () => {
    const engine = await start({ live: true });
    await engine.service.handlers.startBot(undefined);
    engine.sim.faults.inject({ kind: '5xx-before', path: '/api/v3/order', method: 'POST' });
    const first = await engine.service.handlers.runNow(undefined);
    expect(first.action).toBe('buy'); // sent, outcome unknown
    // Right away MEXC's "not found" proves nothing (a late request could still land); past its recvWindow it does.
    expect(await engine.service.handlers.runNow(undefined)).toMatchObject({ action: 'rejected', reason: expect.stringContaining('unknown outcome') });
    await engine.time.advance(ORDER_ARRIVAL_WINDOW_MS);
    const second = await engine.service.handlers.runNow(undefined);
    expect(second).toMatchObject({ action: 'buy' });
    const entries = await engine.journalEntries();
    expect(entries.map((e) => e.status)).toEqual(['rejected', 'accepted']); // the first settled as never placed, on MEXC's word
    expect(entries[0]!.outcomes.at(-1)!.message).toMatch(/never placed/);
    expect(engine.exchangeOrders().map((o) => o.clientOrderId)).toEqual([entries[1]!.clientOrderId]);
    expect(new Set(entries.map((e) => e.clientOrderId)).size).toBe(2);
  });

  it('defect 2b: a damaged journal line does not make the next id collide', async () => {
    const engine = await start({ live: true });
    await engine.service.handlers.startBot(undefined);
    await engine.service.handlers.runNow(undefined);
    damageFirstIntentLine(engine);
    const restarted = await engine.restart({ crash: true });
    await restarted.handlers.setMode({ mode: 'live', confirmation: 'LIVE', openOrders: 'keep' });
    await restarted.handlers.startBot(undefined);
    await restarted.handlers.setSettings(buyingSettings(restarted, { maxOpenOrders: 5 }));
    const decision = await restarted.handlers.runNow(undefined);
    expect(decision.action).toBe('buy');
    const ids = engine.exchangeOrders().map((o) => o.clientOrderId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(engine.alerts.some((a) => a.severity === 'critical' && /Journal: line \d+ skipped/.test(a.message))).toBe(true);
  });

  it('defect 3: the position cap remembers buys older than MEXC’s one-month trade history', async () => {
    const engine = await start({ live: true, risk: { maxPositionUsdt: 60 } });
    await engine.service.handlers.startBot(undefined);
    await engine.service.handlers.runNow(undefined);
    await fillRestingBuys(engine);
    expect(engine.exchangeOrders()[0]!.status).toBe('FILLED');
    expect(engine.service.snapshot().pnl?.positionAmount).not.toBe('0');

    // 31 days later: MEXC's myTrades no longer reaches that buy
    await engine.restart({ crash: true });
    const decision = await runLiveAfterAMonthAway(engine);
    expect(decision).toMatchObject({ action: 'rejected', reason: expect.stringContaining('MAX_POSITION') });
    expect(engine.exchangeOrders()).toHaveLength(1);
  });

  it('defect 4: orders placed by hand are shown, never counted, canceled or touched by a mode switch', async () => {
    const engine = await start({ live: true, risk: { maxOpenOrders: 1 } });
    const { client: byHand } = createSimMexcClient(engine.sim, { keys: MONEY_KEYS });
    const manual = await byHand.createOrder({ symbol: 'QRL/USDT', type: 'limit', side: 'buy', amount: 100, price: 0.05, clientOrderId: 'my-own-order-1' });
    await engine.service.handlers.startBot(undefined);
    expect((await engine.service.handlers.runNow(undefined)).action).toBe('buy'); // the hand-made order does not fill the open-order cap
    const snapshot = await engine.service.handlers.getSnapshot(undefined);
    expect(snapshot.openOrders.find((o) => o.id === manual.id)).toMatchObject({ placedByBot: false });
    await expect(engine.service.handlers.cancelOrder({ id: String(manual.id) })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('not placed by the bot') });

    expect(await engine.service.handlers.killSwitch(undefined)).toMatchObject({ state: 'paused' });
    const byId = (id: string) => engine.exchangeOrders().find((o) => o.orderId === id || o.clientOrderId === id)!;
    expect(byId(String(manual.id)).status).toBe('NEW');
    expect(engine.exchangeOrders().filter((o) => o.clientOrderId !== 'my-own-order-1').map((o) => o.status)).toEqual(['CANCELED']);

    await engine.service.handlers.resumeBot(undefined);
    await engine.service.handlers.runNow(undefined);
    await expect(engine.service.handlers.setMode({ mode: 'dry-run' })).rejects.toMatchObject({ message: expect.stringContaining('Choose to cancel them or to keep them') });
    await engine.service.handlers.setMode({ mode: 'dry-run', openOrders: 'cancel' });
    expect(byId(String(manual.id)).status).toBe('NEW');
    expect(engine.exchangeOrders().filter((o) => o.status === 'NEW').map((o) => o.clientOrderId)).toEqual(['my-own-order-1']);
    expect(engine.alerts.at(-1)?.message).toMatch(/Back to dry-run.*1 open live order\(s\) of the bot canceled/);
  });

  it('defect 5: "Run now" only evaluates unless the bot is running, and the kill switch works while stopped', async () => {
    const engine = await start();
    const { handlers } = engine.service;
    expect(await handlers.runNow(undefined)).toMatchObject({ action: 'preview', reason: expect.stringContaining('not running') });
    await handlers.startBot(undefined);
    await handlers.pauseBot(undefined);
    expect(await handlers.runNow(undefined)).toMatchObject({ action: 'preview' });
    expect(await engine.journalEntries()).toEqual([]);

    await handlers.resumeBot(undefined);
    expect(await handlers.runNow(undefined)).toMatchObject({ action: 'buy' });
    await handlers.stopBot(undefined);
    expect(engine.service.snapshot().openOrders).toHaveLength(1);
    expect(await handlers.killSwitch(undefined)).toMatchObject({ state: 'stopped' });
    expect(engine.service.snapshot().openOrders).toEqual([]);
  });

  it('defect 6: a corrupt paper wallet is kept aside, alerted and rebuilt from the journal, open order included', async () => {
    const engine = await start();
    await engine.service.handlers.startBot(undefined);
    await engine.service.handlers.runNow(undefined);
    const before = engine.service.snapshot();
    expect(before.openOrders).toHaveLength(1);
    writeFileSync(path.join(engine.dataDir, PAPER_WALLET_FILE), '{"version":1,"balances":');
    const restarted = await engine.restart({ crash: true });
    const after = restarted.snapshot();
    expect(engine.alerts).toContainEqual(expect.objectContaining({ severity: 'critical', kind: 'paper-wallet', message: expect.stringMatching(/kept as paper-wallet\.json\.corrupt-\d+.*rebuilt from the journal: 1 order/) }));
    expect(readdirSync(engine.dataDir).some((name) => name.startsWith(`${PAPER_WALLET_FILE}.corrupt-`))).toBe(true);
    expect(after.openOrders.map((o) => [o.clientOrderId, o.price, o.amount])).toEqual(before.openOrders.map((o) => [o.clientOrderId, o.price, o.amount]));
    const wallet = (snapshot: typeof before) => snapshot.balances?.assets.map((a) => [a.asset, a.free, a.locked]);
    expect(wallet(after)).toEqual(wallet(before));
  });

  it('defect 7: a settings file damaged after two saves comes back with the last one', async () => {
    const engine = await start();
    const { handlers } = engine.service;
    await handlers.setSettings({ ...engine.service.settings, strategy: { ...engine.service.settings.strategy, dailyRunTime: '10:00' } });
    await handlers.setSettings({ ...engine.service.settings, strategy: { ...engine.service.settings.strategy, dailyRunTime: '11:00' } });
    writeFileSync(path.join(engine.dataDir, SETTINGS_FILE), '{"strategy": ');
    const restarted = await engine.restart({ crash: true });
    expect(restarted.settings.strategy.dailyRunTime).toBe('11:00');
    expect(engine.alerts).toContainEqual(expect.objectContaining({ kind: 'settings', severity: 'critical' }));
  });

  it('defect 8: a new daily run time reschedules a running bot at once', async () => {
    const engine = await start();
    const { handlers } = engine.service;
    await handlers.startBot(undefined);
    expect(engine.service.snapshot().nextRunAt).toBe(new Date(2026, 10, 25, 9, 0).getTime());
    await handlers.setSettings({ ...engine.service.settings, strategy: { ...engine.service.settings.strategy, dailyRunTime: '18:30' } });
    expect(engine.service.snapshot().nextRunAt).toBe(new Date(2026, 10, 24, 18, 30).getTime());
  });

  it('defect 9: the daily loss cap counts from local midnight (Taipei), not the UTC candle, and survives a restart', async () => {
    // 24 Nov 12:00 UTC = 20:00 in Taipei: a paper buy fills the evening before the loss.
    const engine = await start({ time: new VirtualTime(Date.UTC(2026, 10, 24, 12, 0)), utcOffset: fixedUtcOffset(480), risk: { dailyLossCapUsdt: 1 } });
    const { time } = engine;
    await engine.service.handlers.startBot(undefined);
    expect((await engine.service.handlers.runNow(undefined)).action).toBe('buy');
    const qrl = engine.sim.state.paths.get('QRLUSDT')!;
    const limit = Number(engine.service.snapshot().openOrders[0]!.price);
    qrl.force(limit * 0.99, time.now());
    // Paper buys fill from the tape, trade by trade (PaperBroker, issue #15): the dip lasts until this one has.
    for (let minute = 0; minute < 30 && engine.service.snapshot().openOrders.length > 0; minute++) await time.advance(MINUTE);
    qrl.force(null, time.now());
    // the paper fill is written (fsync'd) by the market update's own promise: wait for it, not for a guessed delay
    await untilTrue(() => engine.service.snapshot().openOrders.length === 0, 'the paper buy filled');
    // The app is closed overnight. Taipei midnight is 16:00 UTC; the price drops 6 % at 18:00 UTC, before the UTC daily candle opens.
    await engine.restart({ crash: true });
    await time.sleep(Date.UTC(2026, 10, 24, 18, 0) - time.now());
    qrl.force(limit * 0.94, time.now());
    await time.sleep(Date.UTC(2026, 10, 25, 2, 0) - time.now());
    const morning = await engine.restart({ crash: true });
    await morning.handlers.startBot(undefined);
    expect(await morning.handlers.runNow(undefined)).toMatchObject({ action: 'rejected', reason: expect.stringContaining('DAILY_LOSS_CAP') });
    const mark = JSON.parse(readFileSync(path.join(engine.dataDir, DAY_START_FILE), 'utf8'));
    expect(mark.dayStart).toBe(Date.UTC(2026, 10, 24, 16, 0));
    expect(Number(mark.price)).toBeGreaterThan(limit * 0.9);

    const midnightReads = () => engine.sim.requestLog.filter((r) => r.path === '/api/v3/klines').length;
    const readsBefore = midnightReads();
    const again = await engine.restart({ crash: true });
    await again.handlers.startBot(undefined);
    expect(await again.handlers.runNow(undefined)).toMatchObject({ action: 'rejected', reason: expect.stringContaining('DAILY_LOSS_CAP') });
    expect(JSON.parse(readFileSync(path.join(engine.dataDir, DAY_START_FILE), 'utf8'))).toEqual(mark);
    expect(midnightReads() - readsBefore).toBeLessThanOrEqual(2); // the daily candles at most, never the midnight price again
  });

  it('defect 10: two installs on one account on the same day never share a client order id', async () => {
    const first = await start({ live: true });
    const second = await start({ live: true, sim: first.sim, time: first.time, addKey: false });
    for (const engine of [first, second]) {
      await engine.service.handlers.startBot(undefined);
      expect((await engine.service.handlers.runNow(undefined)).action).toBe('buy');
    }
    const orders = first.exchangeOrders();
    expect(orders).toHaveLength(2);
    expect(new Set(orders.map((o) => o.clientOrderId)).size).toBe(2);
    const [a] = await first.journalEntries();
    const [b] = await second.journalEntries();
    expect(a!.orderId).not.toBe(b!.orderId);
    for (const entry of [a!, b!]) expect(orders.find((o) => o.clientOrderId === entry.clientOrderId)?.orderId).toBe(entry.orderId);
    // each install sees the other's order as "not placed by the bot"
    await first.time.advance(20_000); // the next read of the live account
    expect(first.service.snapshot().openOrders.map((o) => o.placedByBot).sort()).toEqual([false, true]);
    expect(existsSync(path.join(first.dataDir, 'install-id'))).toBe(true);
  });
});

