import { Decimal, type DecimalLike } from '../../../shared/decimal';
import type { BrokerFill } from './Broker';

/**
 * Fills → position and PnL by the average cost method, fees included:
 * - a buy adds its cost (price × amount, plus a fee paid in the quote asset) to
 *   the cost basis, and the amount received (minus a fee paid in the base
 *   asset) to the position;
 * - a sell takes the average cost of what it sells out of the basis; realized
 *   PnL is the proceeds (minus a quote fee) less that cost.
 * A fee in a third asset (MX deduction) cannot be valued from fills alone; it
 * is listed in the CSV but left out of PnL.
 * Internal figures keep full precision; reported ones are rounded half-up to
 * `REPORT_PLACES`.
 */
export const REPORT_PLACES = 8;
const INTERNAL_PLACES = 18;

export interface PositionPnl {
  /** base asset held (QRL) */
  positionAmount: string;
  /** quote spent on what is held, fees included */
  costBasis: string;
  /** costBasis / positionAmount, null with no position */
  averageCost: string | null;
  realized: string;
  /** position × price − costBasis, null without a price */
  unrealized: string | null;
}

/** One fill and the book right after it: the fills table's realized PnL and the History chart's points. */
export interface HistoryStep {
  fill: BrokerFill;
  /** what this fill realized (a sell: proceeds less its quote fee less the average cost of what it sold); null for a buy */
  realizedPnl: string | null;
  positionAmount: string;
  costBasis: string;
  averageCost: string | null;
  /** realized PnL of every fill so far */
  realized: string;
  /** the position valued at this fill's price, less its cost: the market as the fills saw it */
  unrealized: string;
}

interface Book {
  amount: Decimal;
  cost: Decimal;
  realized: Decimal;
}

export class TradeHistory {
  private readonly fills: readonly BrokerFill[];
  /** worked out once: a history never changes, and a snapshot on every market push reads both */
  private everyStep: readonly HistoryStep[] | null = null;
  private bookAfterAll: Book | null = null;

  /** `base`/`quote` name the market's assets, e.g. QRL and USDT */
  constructor(
    fills: readonly BrokerFill[],
    private readonly assets: { base: string; quote: string },
  ) {
    // Oldest first; ties keep their given order so the result never depends on sort stability.
    this.fills = fills.map((fill, index) => ({ fill, index })).sort((a, b) => a.fill.timestamp - b.fill.timestamp || a.index - b.index).map(({ fill }) => fill);
  }

  /** position and PnL after every fill, unrealized at `price` when given */
  pnl(price?: DecimalLike | null): PositionPnl {
    return report((this.bookAfterAll ??= this.replay(Number.POSITIVE_INFINITY)), price);
  }

  /**
   * PnL between `since` and now: realized on fills after `since`, plus the
   * change in unrealized PnL (valued at `priceAtSince` then and `priceNow` now).
   * With `since` = local midnight this is the daily loss cap's "today".
   */
  pnlSince(since: number, priceAtSince: DecimalLike, priceNow: DecimalLike): string {
    const before = this.replay(since);
    const after = (this.bookAfterAll ??= this.replay(Number.POSITIVE_INFINITY));
    const unrealized = (book: Book, price: DecimalLike) => book.amount.mul(price).sub(book.cost);
    const result = after.realized.sub(before.realized).add(unrealized(after, priceNow)).sub(unrealized(before, priceAtSince));
    return result.round(REPORT_PLACES, 'half-up').toString();
  }

  /** every fill, oldest first, with what it realized and the book after it */
  steps(): readonly HistoryStep[] {
    return (this.everyStep ??= this.replaySteps());
  }

  private replaySteps(): HistoryStep[] {
    const book = emptyBook();
    return this.fills.map((fill) => {
      const realized = this.apply(book, fill);
      const after = report(book, fill.price);
      return { fill, realizedPnl: realized === null ? null : r(realized), positionAmount: after.positionAmount, costBasis: after.costBasis, averageCost: after.averageCost, realized: after.realized, unrealized: after.unrealized! };
    });
  }

  /**
   * One row per fill, oldest first; ISO-8601 UTC times; RFC 4180 quoting.
   * `realized_pnl` is what a sell realized (empty for a buy); `imported` marks
   * a fill brought in from a file rather than made by the bot (issue 17).
   */
  toCsv(isImported: (fill: BrokerFill) => boolean = () => false): string {
    const header = ['time', 'id', 'order_id', 'client_order_id', 'symbol', 'side', 'price', 'amount', 'cost', 'fee', 'fee_currency', 'taker_or_maker', 'realized_pnl', 'imported'];
    const rows = this.steps().map(({ fill, realizedPnl }) => [
      new Date(fill.timestamp).toISOString(),
      fill.id,
      fill.orderId,
      fill.clientOrderId ?? '',
      fill.symbol,
      fill.side,
      fill.price,
      fill.amount,
      fill.cost,
      fill.fee.cost,
      fill.fee.currency,
      fill.takerOrMaker,
      realizedPnl ?? '',
      isImported(fill) ? 'true' : 'false',
    ]);
    return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
  }

  /** the book after every fill strictly before `until` */
  private replay(until: number): Book {
    const book = emptyBook();
    for (const fill of this.fills) {
      if (fill.timestamp >= until) break;
      this.apply(book, fill);
    }
    return book;
  }

  /** Moves the book past one fill; returns what a sell realized (null for a buy), at full precision. */
  private apply(book: Book, fill: BrokerFill): Decimal | null {
    const { base, quote } = this.assets;
    const amount = Decimal.from(fill.amount);
    const gross = Decimal.from(fill.cost);
    const fee = Decimal.from(fill.fee.cost);
    const quoteFee = fill.fee.currency === quote ? fee : Decimal.ZERO;
    const baseFee = fill.fee.currency === base ? fee : Decimal.ZERO;
    if (fill.side === 'buy') {
      book.amount = book.amount.add(amount.sub(baseFee));
      book.cost = book.cost.add(gross).add(quoteFee);
      return null;
    }
    // A sell: the fee in base, if any, leaves the position too.
    const sold = amount.add(baseFee);
    const costOfSold = book.amount.isPositive() ? book.cost.mul(Decimal.min(sold, book.amount)).div(book.amount, INTERNAL_PLACES, 'half-up') : Decimal.ZERO;
    const realized = gross.sub(quoteFee).sub(costOfSold);
    book.realized = book.realized.add(realized);
    book.amount = book.amount.sub(sold);
    book.cost = book.amount.isPositive() ? book.cost.sub(costOfSold) : Decimal.ZERO;
    if (book.amount.isNegative()) book.amount = Decimal.ZERO; // sold more than the fills show (deposited coins): no cost to carry
    return realized;
  }
}

const emptyBook = (): Book => ({ amount: Decimal.ZERO, cost: Decimal.ZERO, realized: Decimal.ZERO });
const r = (value: Decimal) => value.round(REPORT_PLACES, 'half-up').toString();

function report(book: Book, price?: DecimalLike | null): PositionPnl {
  return {
    positionAmount: r(book.amount),
    costBasis: r(book.cost),
    averageCost: book.amount.isPositive() ? r(book.cost.div(book.amount, INTERNAL_PLACES, 'half-up')) : null,
    realized: r(book.realized),
    unrealized: price === undefined || price === null ? null : r(book.amount.mul(price).sub(book.cost)),
  };
}

/**
 * RFC 4180: quote a field holding a comma, quote or line break, doubling its
 * quotes. Text that a spreadsheet would run as a formula (= + - @ at the start,
 * and not a number) gets a leading apostrophe.
 */
export function csvField(value: string): string {
  let text = value;
  if (/^[=+\-@\t\r]/.test(text) && !Decimal.isDecimalString(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
