/** A ccxt unified spot symbol split into its assets: "QRL/USDT" → { base: 'QRL', quote: 'USDT' }. */
export function splitSymbol(symbol: string): { base: string; quote: string } {
  const slash = symbol.indexOf('/');
  return slash < 0 ? { base: symbol, quote: '' } : { base: symbol.slice(0, slash), quote: symbol.slice(slash + 1) };
}
