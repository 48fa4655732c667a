/** The market this bot trades, as ccxt names it. */
export const DEFAULT_SYMBOL = 'QRL/USDT';
