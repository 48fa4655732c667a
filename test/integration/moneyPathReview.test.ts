import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAPER_WALLET_FILE } from '../../main/core/trading/PaperBroker';
import { damageFirstIntentLine, fillBotBuysUnseen, runLiveAfterAMonthAway, runUntilSending, useMoneyEngines } from '../support/moneyPathScenario';

const MINUTE = 60_000;

/**
 * Found by an adversarial review of the money path after issue 13 (each was a
 * failing probe first): races between the kill switch or a mode switch and a
 * run in flight, cancels the journal never heard of, fills read by a refresh,
 * a month-long absence, a lost journal line whose lookup failed.
 */
describe('the money path under review: races, absences and lost lines', () => {
  const start = useMoneyEngines();

  it('a live buy that filled while the app was off for 31 days still counts against the position cap', async () => {
    const engine = await start({ live: true, risk: { maxPositionUsdt: 60 } });
    await engine.service.handlers.startBot(undefined);
    expect((await engine.service.handlers.runNow(undefined)).action).toBe('buy');
    await engine.stop(); // the app is quit before the fill is read
    await fillBotBuysUnseen(engine);
    expect(engine.exchangeOrders()[0]!.status).toBe('FILLED');
    const decision = await runLiveAfterAMonthAway(engine);
    expect(decision).toMatchObject({ action: 'rejected', reason: expect.stringContaining('MAX_POSITION') });
    expect(engine.exchangeOrders()).toHaveLength(1);
  });

  it('the kill switch pressed while a run is sending its order cancels that order too', async () => {
    const engine = await start({ live: true });
    await engine.service.handlers.startBot(undefined);
    const { run } = await runUntilSending(engine);
    expect(await engine.service.handlers.killSwitch(undefined)).toMatchObject({ state: 'paused' });
    await run;
    expect(engine.exchangeOrders().filter((o) => o.status === 'NEW')).toEqual([]);
    expect(engine.alerts.at(-1)?.message).toMatch(/Kill switch engaged: 1 open order/);
  });

  it('a paper order canceled by the kill switch stays canceled when the wallet is rebuilt', async () => {
    const engine = await start();
    await engine.service.handlers.startBot(undefined);
    await engine.service.handlers.runNow(undefined);
    expect(engine.service.snapshot().openOrders).toHaveLength(1);
    await engine.service.handlers.killSwitch(undefined);
    expect(engine.service.snapshot().openOrders).toHaveLength(0);
    const usdt = (snapshot: ReturnType<typeof engine.service.snapshot>) => snapshot.balances?.assets.find((a) => a.asset === 'USDT');
    const before = usdt(engine.service.snapshot());
    writeFileSync(path.join(engine.dataDir, PAPER_WALLET_FILE), '{"version":1,"balances":');
    const restarted = await engine.restart({ crash: true });
    expect(restarted.snapshot().openOrders).toHaveLength(0);
    expect(usdt(restarted.snapshot())).toMatchObject({ free: before?.free, locked: '0' });
  });

  it('a live fill first read by a refresh (a preview run) is alerted and journaled once', async () => {
    const engine = await start({ live: true });
    await engine.service.handlers.startBot(undefined);
    await engine.service.handlers.runNow(undefined);
    await engine.service.handlers.pauseBot(undefined);
    await fillBotBuysUnseen(engine);
    expect(engine.exchangeOrders()[0]!.status).toBe('FILLED');
    expect((await engine.service.handlers.runNow(undefined)).action).not.toBe('buy'); // a preview: it only refreshes
    await engine.time.advance(60_000); // several fill polls
    const fillAlerts = engine.alerts.filter((a) => a.kind === 'fill');
    const [entry] = await engine.journalEntries();
    expect(fillAlerts).toHaveLength(1);
    expect(entry?.status).toBe('filled');
  });

  it('cancel-all (and a cancelling mode switch) while MEXC fails the cancels answer a typed error with the real count, keep the order, and work once MEXC answers', async () => {
    const engine = await start({ live: true });
    await engine.service.handlers.startBot(undefined);
    expect((await engine.service.handlers.runNow(undefined)).action).toBe('buy');
    engine.sim.faults.inject({ kind: '5xx-before', path: '/api/v3/order', method: 'DELETE', times: 50 });
    const [order] = engine.exchangeOrders();
    await expect(engine.service.handlers.cancelAllOrders(undefined)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: `Could not cancel every order: 0 of the bot's open order(s) canceled; ${order!.orderId}: mexc DELETE /api/v3/order 502 Bad Gateway. Try again.`,
    });
    expect(engine.exchangeOrders().map((o) => o.status)).toEqual(['NEW']);
    // A mode switch that must cancel it is refused the same way, and leaves the mode as it was.
    await expect(engine.service.handlers.setMode({ mode: 'dry-run', openOrders: 'cancel' })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/^The mode was not switched: 0 of the bot's open order\(s\) canceled; .*502 Bad Gateway\. Try again\.$/) });
    expect(engine.service.snapshot().status.mode).toBe('live');
    engine.sim.faults.clear();
    expect(await engine.service.handlers.cancelAllOrders(undefined)).toEqual({ canceled: 1 });
    expect(engine.exchangeOrders().map((o) => o.status)).toEqual(['CANCELED']);
  });

  it('switching live → dry-run with "cancel" while a run is sending its order cancels that order too', async () => {
    const engine = await start({ live: true });
    await engine.service.handlers.startBot(undefined);
    const { run } = await runUntilSending(engine);
    await engine.service.handlers.setMode({ mode: 'dry-run', openOrders: 'cancel' });
    await run;
    expect(engine.alerts.filter((a) => a.kind === 'mode').at(-1)?.message).toMatch(/1 open live order\(s\) of the bot canceled/);
    expect(engine.exchangeOrders().filter((o) => o.status === 'NEW')).toEqual([]);
  });

  it('a damaged intent line whose lookup failed at start is looked up again and recovered', async () => {
    const engine = await start({ live: true });
    await engine.service.handlers.startBot(undefined);
    await engine.service.handlers.runNow(undefined);
    damageFirstIntentLine(engine);
    engine.sim.faults.inject({ kind: '5xx-before', path: '/api/v3/order', method: 'GET', times: 50 });
    const restarted = await engine.restart({ crash: true });
    engine.sim.faults.clear();
    await restarted.handlers.setMode({ mode: 'live', confirmation: 'LIVE', openOrders: 'keep' });
    await engine.time.advance(60_000);
    const [onExchange] = engine.exchangeOrders();
    const entries = await engine.journalEntries();
    const qrl = engine.sim.state.paths.get('QRLUSDT')!;
    qrl.force(Number(onExchange!.price) * 0.9, engine.time.now());
    await engine.time.advance(MINUTE);
    qrl.force(null, engine.time.now());
    await engine.time.advance(MINUTE);
    expect(entries.some((e) => e.clientOrderId === onExchange!.clientOrderId)).toBe(true);
  });

  it('a paper wallet lost with the journal line of its start waits for a reset, and never hands out an order id twice', async () => {
    const engine = await start();
    await engine.service.handlers.startBot(undefined);
    expect((await engine.service.handlers.runNow(undefined)).action).toBe('buy');
    const journalFile = path.join(engine.dataDir, 'journal.jsonl');
    const lines = readFileSync(journalFile, 'utf8').split('\n');
    const startLine = lines.findIndex((line) => line.includes('"kind":"paper-wallet"'));
    lines[startLine] = lines[startLine]!.replace('first start', 'first st\u0000rt'); // bit rot in the wallet's start line
    writeFileSync(journalFile, lines.join('\n'));
    writeFileSync(path.join(engine.dataDir, PAPER_WALLET_FILE), '{"version":1,"balances":');
    await engine.restart({ crash: true });
    const again = await engine.restart({ crash: true }); // the damaged wallet was set aside: the file is now missing
    expect(engine.alerts.filter((a) => a.kind === 'paper-wallet').at(-1)?.message).toMatch(/cannot be rebuilt/);
    await again.handlers.startBot(undefined);
    expect(await again.handlers.runNow(undefined)).toMatchObject({ action: 'rejected', reason: expect.stringContaining('reset it') });
    await again.handlers.resetPaperWallet({ usdt: '1000' });
    expect((await again.handlers.runNow(undefined)).action).toBe('buy');
    const orderIds = (await engine.journalEntries()).map((entry) => entry.orderId).filter((id) => id !== null);
    expect(orderIds).toHaveLength(2);
    expect(new Set(orderIds).size).toBe(2);
  });
});
