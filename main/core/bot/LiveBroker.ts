import ccxt, { type Order, type Trade } from 'ccxt';
import { Decimal } from '../../../shared/decimal';
import { MexcClient } from '../exchange/MexcClient';
import { OrderOutcomeUnknownError } from '../exchange/OrderOutcomeUnknownError';
import { BrokerError, type Broker, type BrokerBalances, type BrokerFill, type BrokerOrder } from '../trading/Broker';
import type { MarketInfo } from '../trading/MarketInfo';
import type { PlaceOrderRequest } from '../trading/OrderIntent';

/**
 * Real orders on MEXC through the client. Decimals come from MEXC's own
 * strings (`info`) where ccxt parsed them to floats. Placement is sent once;
 * an unknown outcome surfaces as the client's OrderOutcomeUnknownError.
 */
export class LiveBroker implements Broker {
  readonly kind = 'live' as const;

  constructor(
    private readonly client: MexcClient,
    private readonly market: MarketInfo,
  ) {}

  async placeOrder(request: PlaceOrderRequest): Promise<BrokerOrder> {
    let placed: Order;
    try {
      placed = await this.client.createOrder({
        symbol: request.symbol,
        type: 'limit',
        side: request.side,
        amount: Number(request.amount),
        price: Number(request.price),
        clientOrderId: request.clientOrderId,
      });
    } catch (error) {
      // Only a lost answer leaves the outcome open; any other error is MEXC's (or the breaker's) definite "no".
      if (error instanceof OrderOutcomeUnknownError) throw error;
      if (error instanceof ccxt.InsufficientFunds) throw new BrokerError('INSUFFICIENT_FUNDS', (error as Error).message);
      if (error instanceof ccxt.InvalidOrder) throw new BrokerError('INVALID_ORDER', (error as Error).message);
      throw new BrokerError('REFUSED', (error as Error).message);
    }
    // MEXC's answer to a new order has no status or fills: read them back. The order exists either way.
    const fresh = await this.fetchOrderByClientId(request.clientOrderId).catch(() => null);
    return fresh ?? this.toOrder({ ...placed, clientOrderId: request.clientOrderId });
  }

  async cancelOrder(id: string): Promise<BrokerOrder> {
    try {
      await this.client.cancelOrder(id, this.market.symbol);
    } catch (error) {
      if (error instanceof ccxt.OrderNotFound) throw new BrokerError('ORDER_NOT_FOUND', `No open order ${id} on MEXC.`);
      throw error;
    }
    return this.toOrder(await this.client.fetchOrder(id, this.market.symbol));
  }

  async cancelAll(): Promise<BrokerOrder[]> {
    const open = await this.fetchOpenOrders();
    if (open.length === 0) return [];
    await this.client.cancelAllOrders(this.market.symbol);
    return open.map((order) => ({ ...order, status: 'canceled' as const }));
  }

  async fetchOpenOrders(): Promise<BrokerOrder[]> {
    return (await this.client.fetchOpenOrders(this.market.symbol)).map((order) => this.toOrder(order));
  }

  async fetchBalance(): Promise<BrokerBalances> {
    const balance = await this.client.fetchBalance();
    const raw = ((balance.info as { balances?: { asset: string; free: string; locked: string }[] } | undefined)?.balances ?? []) as {
      asset: string;
      free: string;
      locked: string;
    }[];
    const result: BrokerBalances = {};
    for (const asset of [this.market.base, this.market.quote]) {
      const entry = raw.find((b) => b.asset === asset);
      const free = Decimal.from(entry?.free ?? '0');
      const used = Decimal.from(entry?.locked ?? '0');
      result[asset] = { free: free.toString(), used: used.toString(), total: free.add(used).toString() };
    }
    return result;
  }

  async fetchOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
    const order = await this.client.fetchOrderByClientId(clientOrderId, this.market.symbol);
    return order ? this.toOrder(order) : null;
  }

  async fetchMyTrades(since?: number, limit?: number): Promise<BrokerFill[]> {
    const fills = (await this.client.fetchMyTrades(this.market.symbol, since, limit)).map((trade) => this.toFill(trade));
    return fills.sort((a, b) => a.timestamp - b.timestamp);
  }

  private toOrder(order: Order): BrokerOrder {
    const info = (order.info ?? {}) as Record<string, string | null | undefined>;
    const amount = Decimal.from(info.origQty ?? String(order.amount ?? 0));
    const filled = Decimal.from(info.executedQty ?? String(order.filled ?? 0));
    const cost = Decimal.from(info.cummulativeQuoteQty ?? String(order.cost ?? 0));
    const status = order.status === 'closed' ? 'closed' : order.status === 'canceled' ? 'canceled' : order.status === 'rejected' ? 'rejected' : 'open';
    return {
      id: String(order.id),
      clientOrderId: order.clientOrderId ?? (info.clientOrderId as string | null | undefined) ?? null,
      symbol: this.market.symbol,
      side: order.side === 'sell' ? 'sell' : 'buy',
      type: 'limit',
      price: Decimal.from(info.price ?? String(order.price ?? 0)).toString(),
      amount: amount.toString(),
      filled: filled.toString(),
      remaining: amount.sub(filled).toString(),
      cost: cost.toString(),
      average: filled.isPositive() ? cost.div(filled, 8).toString() : null,
      status,
      timestamp: order.timestamp ?? 0,
      lastUpdateTimestamp: order.lastUpdateTimestamp ?? order.timestamp ?? 0,
    };
  }

  private toFill(trade: Trade): BrokerFill {
    const info = (trade.info ?? {}) as Record<string, string | null | undefined>;
    return {
      id: String(trade.id),
      orderId: String(trade.order ?? info.orderId ?? ''),
      clientOrderId: (info.clientOrderId as string | null | undefined) ?? null,
      symbol: this.market.symbol,
      side: trade.side === 'sell' ? 'sell' : 'buy',
      price: Decimal.from(info.price ?? String(trade.price)).toString(),
      amount: Decimal.from(info.qty ?? String(trade.amount)).toString(),
      cost: Decimal.from(info.quoteQty ?? String(trade.cost)).toString(),
      fee: { cost: Decimal.from(info.commission ?? String(trade.fee?.cost ?? 0)).toString(), currency: info.commissionAsset ?? trade.fee?.currency ?? this.market.quote },
      takerOrMaker: trade.takerOrMaker === 'maker' ? 'maker' : 'taker',
      timestamp: trade.timestamp ?? 0,
    };
  }
}
