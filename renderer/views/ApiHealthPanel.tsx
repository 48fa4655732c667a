import { Panel } from '../components/Panel';
import { TableHead, type Column } from '../components/TableHead';
import { useNow } from '../components/useNow';
import { formatAge } from '../format/formatAge';
import { breakerLabels, cacheHitRatePercent, cacheLabels, formatPercent, newestFetch, weightUsage } from '../format/formatHealth';
import { useAppStore } from '../state/store';
import { snapshotPanelStatus } from './snapshotStatus';

const dataTypeColumns: readonly Column[] = [
  { label: 'Data' },
  { label: 'Age', numeric: true },
  { label: 'Hits', numeric: true },
  { label: 'Misses', numeric: true },
  { label: 'Errors', numeric: true },
  { label: 'Retries', numeric: true },
];

/** How the exchange client is doing: breaker, cache, weight, latency, data age. */
export function ApiHealthPanel() {
  const snapshot = useAppStore((state) => state.snapshot);
  const error = useAppStore((state) => state.snapshotError);
  const now = useNow(1000);
  const status = snapshotPanelStatus(snapshot, error, (s) => (s.apiHealth ? null : 'No API calls yet.'));
  const health = snapshot?.apiHealth ?? null;
  if (!health) return <Panel title="API health" testId="api-health" status={status} />;

  const hitRate = cacheHitRatePercent(health);
  const weight = weightUsage(health);
  const newest = newestFetch(health);
  const dataTypes = Object.entries(health.dataTypes).sort(([a], [b]) => a.localeCompare(b));

  return (
    <Panel title="API health" testId="api-health">
      <dl className="kv">
        <dt>Breaker</dt>
        <dd>
          <span className={`badge breaker breaker-${health.breaker}`} data-testid="breaker-state" data-state={health.breaker}>
            {breakerLabels[health.breaker]}
          </span>
        </dd>
        <dt>Cache</dt>
        <dd>
          <span className={`badge cache cache-${health.cache}`} data-testid="cache-state">
            {cacheLabels[health.cache]}
          </span>
        </dd>
        <dt>Hit rate</dt>
        <dd data-testid="hit-rate">{formatPercent(hitRate)}</dd>
        <dt>Weight</dt>
        <dd>
          <meter min={0} max={weight.limit || 1} low={weight.limit * 0.6} high={weight.limit * 0.85} optimum={0} value={weight.used} aria-label="Weight used" />{' '}
          <span className="num" data-testid="weight">
            {weight.used} / {weight.limit}
          </span>{' '}
          <span className="muted">per {Math.round(health.weight.windowMs / 1000)} s</span>
        </dd>
        <dt>Latency</dt>
        <dd className="num">
          p50 {Math.round(health.latencyMs.p50)} ms · p99 {Math.round(health.latencyMs.p99)} ms
        </dd>
        <dt>Data age</dt>
        <dd data-testid="data-age">{newest === null ? '—' : formatAge(now - newest)}</dd>
      </dl>
      {dataTypes.length > 0 && (
        <table className="data compact">
          <TableHead columns={dataTypeColumns} />
          <tbody>
            {dataTypes.map(([name, stats]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="r">{stats.fetchedAt === null ? '—' : formatAge(now - stats.fetchedAt)}</td>
                <td className="r">{stats.hits}</td>
                <td className="r">{stats.misses}</td>
                <td className={`r ${stats.errors ? 'warn-text' : ''}`}>{stats.errors}</td>
                <td className="r">{stats.retries}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {health.lastError && (
        <p className="error-text" data-testid="api-last-error">
          Last error: {health.lastError}
        </p>
      )}
    </Panel>
  );
}
