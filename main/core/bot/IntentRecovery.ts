import { Decimal } from '../../../shared/decimal';
import type { AlertInput } from '../alerts/AlertCenter';
import type { Clock } from '../clock';
import type { Logger } from '../logging/Logger';
import type { Broker } from '../trading/Broker';
import type { MarketInfo } from '../trading/MarketInfo';
import { sameBroker, type BrokerRef, type Journal, type JournalEntry } from '../trading/Journal';
import type { PaperBroker } from '../trading/PaperBroker';
import { reconcileOpenIntents } from '../trading/reconcileOpenIntents';
import { fillsOf, outcomeOf } from '../trading/submitOrder';
import type { BotOrders } from './BotOrders';
import type { LiveAccount } from './LiveAccount';
import { recordFills, unjournaledFills } from './recordFills';

// Why a module of its own: settling what a crash or a damaged line left behind is one job (issue 13, "intents know their broker").

export interface IntentRecoveryOptions {
  journal: Journal;
  orders: BotOrders;
  paper: PaperBroker;
  live: LiveAccount;
  market: MarketInfo;
  clock: Clock;
  logger: Logger;
  raiseAlert(alert: AlertInput): void;
  critical(kind: string, message: string): void;
}

/**
 * Unfinished intents are reconciled with the broker each one went to,
 * whatever the mode; intents whose journal line was damaged are looked up at
 * every broker that can be asked and journaled again.
 */
export class IntentRecovery {
  constructor(private readonly options: IntentRecoveryOptions) {}

  /** The broker an intent went to, if it can be asked now. */
  brokerForRef(ref: BrokerRef): Broker | null {
    if (ref.kind === 'paper') return this.options.paper;
    const live = this.options.live.connection();
    return live && live.account === ref.account ? live.broker : null;
  }

  /** Ids from damaged journal lines that no broker could be asked about yet: retried on every reconcile. */
  private readonly unrecovered = new Set<string>();

  /** lost intents still waiting for a broker's answer: nothing new goes out meanwhile */
  get pendingLostIds(): readonly string[] {
    return [...this.unrecovered];
  }

  /**
   * Every unfinished intent is looked up, at the broker it went to, by
   * clientOrderId before anything new is sent. So is every order still
   * journaled "accepted" that its broker no longer lists as open: it filled or
   * was canceled while nobody looked (the app closed for a month), and its
   * fills must count before the position cap is checked again.
   */
  async reconcile(): Promise<number> {
    const { journal, clock, logger, raiseAlert } = this.options;
    if (this.unrecovered.size > 0) await this.recoverLostIntents();
    await this.settleClosedWhileAway();
    const report = await reconcileOpenIntents(journal, (entry) => this.brokerForIntent(entry), clock.now());
    if (report.settled.length > 0) logger.info(`Reconciled ${report.settled.length} unfinished order intent(s).`);
    for (const pending of report.pending) {
      raiseAlert({ severity: 'warning', kind: 'order', message: `Order ${pending.clientOrderId} is still unresolved: ${pending.error}`, dedupeKey: `pending:${pending.clientOrderId}` });
    }
    return report.settled.length;
  }

  /**
   * An intent whose journal line was damaged is looked up by the id still
   * legible in that line, at every broker that can be asked; what a broker
   * knows is journaled again ("recovered"), so the order stays the bot's,
   * tracked and counted. Once recovered, an id is not looked up again.
   */
  async recoverLostIntents(): Promise<void> {
    const { journal, orders, paper } = this.options;
    await this.options.live.open();
    const live = this.options.live.connection();
    const brokers: [Broker, BrokerRef][] = [[paper, { kind: 'paper' }]];
    if (live) brokers.unshift([live.broker, { kind: 'live', account: live.account }]);
    for (const clientOrderId of journal.lostIds(orders.installId)) {
      // Settled once a broker has it, or every broker (live included) has answered that it does not.
      let unanswered = live === null;
      this.unrecovered.delete(clientOrderId);
      for (const [broker, ref] of brokers) {
        let order;
        try {
          order = await broker.fetchOrderByClientId(clientOrderId);
        } catch {
          unanswered = true;
          continue;
        }
        if (!order) continue;
        unanswered = false;
        await journal.recordIntent({
          clientOrderId,
          intent: { symbol: order.symbol, side: order.side, type: 'limit', price: order.price, amount: order.amount, reason: 'recovered from the broker after its journal line was damaged' },
          broker: ref,
        });
        const fills = Decimal.from(order.filled).isPositive() ? await fillsOf(broker, order) : [];
        await journal.recordOutcome(clientOrderId, { status: outcomeOf(order), orderId: order.id, ...(fills.length > 0 ? { fills } : {}), message: 'recovered' });
        this.options.critical('journal', `Order ${clientOrderId} lost its journal line; it was found at the ${broker.kind} broker and journaled again.`);
        break;
      }
      if (unanswered && !journal.entry(clientOrderId)) {
        this.unrecovered.add(clientOrderId);
        this.options.critical('journal', `Order ${clientOrderId} lost its journal line and MEXC could not be asked about it yet: no new order goes out until it is found or ruled out.`);
      }
    }
  }

  /**
   * Fills a broker saved but the journal never got: the process died between
   * the paper wallet's (or the live fill ledger's) fsync and the journal write.
   * They are told and journaled now, so the journal (what a lost wallet is
   * rebuilt from, and what the order's state is read from) has every fill.
   * Returns how many were found.
   */
  async journalMissedFills(): Promise<number> {
    const { journal, paper, live, market, raiseAlert } = this.options;
    const paperMissed = unjournaledFills(await paper.fetchMyTrades(0), journal);
    await recordFills(paperMissed, 'paper', { journal, market, raiseAlert });
    const connection = live.connection();
    const owned = connection ? connection.ledger.fills().filter(this.options.orders.fillOwner(connection.account)) : [];
    const liveMissed = unjournaledFills(owned, journal);
    await recordFills(liveMissed, 'live', { journal, market, raiseAlert });
    const missed = paperMissed.length + liveMissed.length;
    if (missed > 0) this.options.logger.warn(`${missed} fill(s) saved before a crash but not journaled were journaled now.`);
    return missed;
  }

  /** Live orders journaled as open that MEXC no longer lists as open: their end (fills or cancel) is journaled now. */
  private async settleClosedWhileAway(): Promise<void> {
    const { journal } = this.options;
    const live = this.options.live.connection();
    const state = this.options.live.state;
    if (!live || !state) return;
    const stillOpen = new Set(state.openOrders.map((o) => o.clientOrderId));
    for (const entry of journal.entries()) {
      if (entry.status !== 'accepted' || !sameBroker(entry.broker, { kind: 'live', account: live.account }) || stillOpen.has(entry.clientOrderId)) continue;
      const order = await live.broker.fetchOrderByClientId(entry.clientOrderId).catch(() => null);
      if (!order || order.status === 'open') continue;
      const fills = Decimal.from(order.filled).isPositive() ? await fillsOf(live.broker, order).catch(() => []) : [];
      // MEXC's trade history reaches back one month: what it no longer shows is taken from the order's own totals.
      const missing = Decimal.from(order.filled).sub(fills.reduce((sum, f) => sum.add(f.amount), Decimal.ZERO));
      if (missing.isPositive()) {
        fills.push({ id: `${order.id}-totals`, price: order.average ?? order.price, amount: missing.toString(), timestamp: order.lastUpdateTimestamp });
      }
      await journal.recordOutcome(entry.clientOrderId, { status: outcomeOf(order), orderId: order.id, ...(fills.length > 0 ? { fills } : {}), message: 'settled: it ended while the app was not looking' });
    }
  }

  /** Where to ask about an intent: the broker it went to; a line from before intents knew their broker asks both. */
  private async brokerForIntent(entry: JournalEntry): Promise<{ broker: Broker | null; reason?: string }> {
    await this.options.live.open();
    if (entry.broker) {
      const broker = this.brokerForRef(entry.broker);
      if (broker) return { broker };
      return { broker: null, reason: `it was sent to MEXC with other API keys (account ${entry.broker.kind === 'live' ? entry.broker.account : ''}), which are not loaded: save those keys to settle it` };
    }
    const live = this.options.live.connection();
    if (live && (await live.broker.fetchOrderByClientId(entry.clientOrderId))) return { broker: live.broker };
    if (await this.options.paper.fetchOrderByClientId(entry.clientOrderId)) return { broker: this.options.paper };
    return live ? { broker: live.broker } : { broker: null, reason: 'it was journaled before intents recorded their broker, and without API keys MEXC cannot be asked' };
  }
}
