import { splitSymbol } from '../format/splitSymbol';
import { useAppStore } from '../state/store';

/** The pair the engine trades (its status.symbol, the one source), with its assets; null before the first snapshot. */
export function useSymbol(): { symbol: string; base: string; quote: string } | null {
  const symbol = useAppStore((state) => state.snapshot?.status.symbol ?? null);
  return symbol === null ? null : { symbol, ...splitSymbol(symbol) };
}
