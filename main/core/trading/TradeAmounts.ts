/**
 * One trade's side and amounts, exact decimal strings, with the fee as an
 * amount and its currency (ccxt's Trade, the fee flattened): what a backtest's
 * simulated fill and a row of an imported trades file both carry.
 */
export interface TradeAmounts {
  side: 'buy' | 'sell';
  price: string;
  amount: string;
  /** quote paid or received before fees */
  cost: string;
  fee: string;
  feeCurrency: string;
}
