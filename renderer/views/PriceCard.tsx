import { DecimalText } from '../components/DecimalText';
import { Panel } from '../components/Panel';
import { StaleBadge } from '../components/StaleBadge';
import { useSymbol } from '../components/useSymbol';
import { useAppStore } from '../state/store';

/** Last price, 24 h change and the day's range, badged when not live. */
export function PriceCard() {
  const snapshot = useAppStore((state) => state.snapshot);
  const snapshotError = useAppStore((state) => state.snapshotError);
  const connected = useAppStore((state) => state.connection === 'open');
  const market = snapshot?.market ?? null;
  const { base, quote } = useSymbol() ?? { base: '', quote: '' };

  const status = !snapshot
    ? snapshotError
      ? { kind: 'error' as const, error: snapshotError }
      : { kind: 'loading' as const, message: 'Loading price…' }
    : !market
      ? { kind: 'empty' as const, message: 'Waiting for the first ticker from the exchange…' }
      : { kind: 'ready' as const };

  return (
    <Panel
      title="Last price"
      className="price-card"
      testId="price-card"
      status={status}
      badge={market && <StaleBadge subject="Price" fetchedAt={market.fetchedAt} stale={market.stale} />}
    >
      {market && (
        <>
          <p className={`price-last ${market.stale || !connected ? 'is-stale' : ''}`}>
            <DecimalText value={market.last} testId="last-price" />
            <span className="unit"> {quote}</span>
          </p>
          <p className="price-change">
            <DecimalText value={market.change24hPercent} variant="percent" testId="change-24h" /> <span className="muted">24 h</span>
          </p>
          <dl className="kv compact">
            <dt>Bid</dt>
            <dd>
              <DecimalText value={market.bid} />
            </dd>
            <dt>Ask</dt>
            <dd>
              <DecimalText value={market.ask} />
            </dd>
            <dt>24 h high</dt>
            <dd>
              <DecimalText value={market.high24h} />
            </dd>
            <dt>24 h low</dt>
            <dd>
              <DecimalText value={market.low24h} />
            </dd>
            <dt>24 h volume</dt>
            <dd>
              <DecimalText value={market.volume24h} digits={0} unit={base} />
            </dd>
          </dl>
        </>
      )}
    </Panel>
  );
}
