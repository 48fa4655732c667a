import { Decimal } from '../../../shared/decimal';
import type { BrokerFill, BrokerOrder } from '../trading/Broker';
import { ownPrefix } from '../trading/clientOrderId';
import { sameBroker, type Journal } from '../trading/Journal';
import type { MarketInfo } from '../trading/MarketInfo';

/** The bot refuses to touch an order it did not place. */
export class ForeignOrderError extends Error {
  readonly code = 'FOREIGN_ORDER';
  constructor(readonly orderId: string) {
    super(`Order ${orderId} was not placed by the bot, so the bot leaves it alone: cancel it on MEXC if you want it gone.`);
    this.name = 'ForeignOrderError';
  }
}

/**
 * Which orders and fills are the bot's: those whose client order id carries
 * this install's prefix, or that the journal names (ids from before the
 * install id, or from an install id file that was lost). Limits, the kill
 * switch and mode switches act on these alone; anything else on the account
 * was placed by someone else and is never counted or touched.
 */
export class BotOrders {
  constructor(
    readonly installId: string,
    private readonly journal: Journal,
  ) {}

  owns(order: Pick<BrokerOrder, 'clientOrderId'>): boolean {
    const id = order.clientOrderId;
    return !!id && (id.startsWith(ownPrefix(this.installId)) || this.journal.entry(id) !== undefined);
  }

  /**
   * Which fills on that account are the bot's: those whose order is, by client
   * id when MEXC sends it (often null), else by the journaled order id. The
   * order ids are read once, so a long fill history is not a scan per fill.
   */
  fillOwner(account: string): (fill: Pick<BrokerFill, 'clientOrderId' | 'orderId'>) => boolean {
    const orderIds = new Set(this.journal.entries().flatMap((entry) => (entry.orderId !== null && sameBroker(entry.broker, { kind: 'live', account }) ? [entry.orderId] : [])));
    return (fill) => (fill.clientOrderId !== null && this.owns(fill)) || orderIds.has(fill.orderId);
  }

  /** The fills the journal holds for the bot's live orders on that account, as broker fills. */
  journalFills(account: string, market: MarketInfo): BrokerFill[] {
    const fills: BrokerFill[] = [];
    for (const entry of this.journal.entries()) {
      if (!sameBroker(entry.broker, { kind: 'live', account }) || !entry.orderId) continue;
      for (const fill of this.journal.fillsOf(entry.clientOrderId)) {
        fills.push({
          id: fill.id,
          orderId: entry.orderId,
          clientOrderId: entry.clientOrderId,
          symbol: market.symbol,
          side: entry.intent.side,
          price: fill.price,
          amount: fill.amount,
          cost: Decimal.from(fill.price).mul(fill.amount).toString(),
          fee: { cost: fill.fee ?? '0', currency: fill.feeCurrency ?? market.quote },
          takerOrMaker: 'maker',
          timestamp: fill.timestamp,
        });
      }
    }
    return fills;
  }
}
