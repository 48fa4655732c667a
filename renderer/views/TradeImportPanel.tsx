import { useId, useState, type ChangeEvent } from 'react';
import type { TradeImportResult } from '../../shared/contract';
import { MAX_TRADE_IMPORT_BYTES, MAX_TRADE_IMPORT_ROWS } from '../../shared/tradeImport';
import { ErrorText, Panel } from '../components/Panel';
import { useCommand } from '../components/useCommand';
import { sendTradeFile } from './sendTradeFile';

type Imported = Extract<TradeImportResult, { status: 'imported' }>;
const FORMAT_NAMES: Record<Imported['format'], string> = { app: "this app's export", 'original-bot': "the original bot's trades" };

/** "Imported 12 trades; 3 already known were skipped." */
function describeImport(result: Imported): string {
  const trades = (n: number) => `${n} trade${n === 1 ? '' : 's'}`;
  return `Imported ${trades(result.imported)} from ${FORMAT_NAMES[result.format]}; ${trades(result.duplicates)} already known ${result.duplicates === 1 ? 'was' : 'were'} skipped.`;
}

/**
 * Import of trade history from a CSV file (issue 17): this app's export or the
 * original bot's trades. The engine checks the whole file before keeping any
 * row, so a refusal means nothing was imported.
 */
export function TradeImportPanel({ onImported, live }: { onImported: () => void; live: boolean }) {
  const inputId = useId();
  const hintId = useId();
  const importing = useCommand();
  const [progress, setProgress] = useState<string | null>(null);
  const [result, setResult] = useState<Imported | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setResult(null);
    const value = await importing.run(() => sendTradeFile(file, (sent, total) => setProgress(total > 1 ? `Sending ${sent} of ${total}…` : null)));
    setProgress(null);
    input.value = ''; // the same file may be chosen again (it imports 0 then)
    if (value?.status === 'imported') {
      setResult(value);
      onImported();
    }
  };

  return (
    <Panel title="Import trades" testId="history-import">
      <div className="field">
        <label htmlFor={inputId}>Trade history file (CSV)</label>
        <input id={inputId} type="file" accept=".csv,text/csv" aria-describedby={hintId} onChange={(event) => void onFile(event)} disabled={importing.pending} />
        <p id={hintId} className="hint">
          This app&apos;s CSV export, or the original bot&apos;s trades (time, action, symbol, price, amount, cost, strategy). At most {MAX_TRADE_IMPORT_BYTES / 1024 / 1024} MB and{' '}
          {MAX_TRADE_IMPORT_ROWS.toLocaleString('en-US')} trades. Every row is checked first; trades already known are skipped. Imported trades count in live mode&apos;s position and
          cost basis, never in the bot&apos;s limits.
        </p>
      </div>
      {importing.pending && (
        <p role="status" className="hint">
          {progress ?? 'Importing…'}
        </p>
      )}
      <ErrorText error={importing.error} />
      {result && (
        <p role="status" className="ok-text" data-testid="import-result">
          {describeImport(result)}
          {!live && result.imported > 0 && ' They show in live mode.'}
        </p>
      )}
    </Panel>
  );
}
