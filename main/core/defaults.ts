/** The market this bot trades, as ccxt names it. */
export const DEFAULT_SYMBOL = 'QRL/USDT';

/**
 * How late MEXC still accepts a signed request: one sent at T is refused when
 * it arrives after T + recvWindow (MEXC's Spot v3 docs, signed endpoints).
 */
export const MEXC_RECV_WINDOW_MS = 5_000;
