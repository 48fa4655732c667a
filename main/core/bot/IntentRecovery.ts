import { Decimal } from '../../../shared/decimal';
import type { AlertInput } from '../alerts/AlertCenter';
import type { Clock } from '../clock';
import type { Logger } from '../logging/Logger';
import type { Broker } from '../trading/Broker';
import type { BrokerRef, Journal, JournalEntry } from '../trading/Journal';
import type { PaperBroker } from '../trading/PaperBroker';
import { reconcileOpenIntents } from '../trading/reconcileOpenIntents';
import { fillsOf, outcomeOf } from '../trading/submitOrder';
import type { BotOrders } from './BotOrders';
import type { LiveAccount } from './LiveAccount';

// Why a module of its own: settling what a crash or a damaged line left behind is one job (issue 13, "intents know their broker").

export interface IntentRecoveryOptions {
  journal: Journal;
  orders: BotOrders;
  paper: PaperBroker;
  live: LiveAccount;
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

  /** Every unfinished intent is looked up, at the broker it went to, by clientOrderId before anything new is sent. */
  async reconcile(): Promise<number> {
    const { journal, clock, logger, raiseAlert } = this.options;
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
      for (const [broker, ref] of brokers) {
        const order = await broker.fetchOrderByClientId(clientOrderId).catch(() => null);
        if (!order) continue;
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
