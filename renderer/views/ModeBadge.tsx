import type { TradingMode } from '../../shared/contract';

/** DRY-RUN or LIVE, in words and colour, never one without the other. */
export function ModeBadge({ mode, testId = 'bot-mode' }: { mode: TradingMode; testId?: string }) {
  return (
    <span className={`mode mode-${mode}`} data-testid={testId} title={mode === 'live' ? 'Live: real orders with real money' : 'Dry-run: paper trading, no real orders'}>
      {mode === 'live' ? 'LIVE' : 'DRY-RUN'}
    </span>
  );
}
