import { cacheDataTypes } from '../../../shared/settings';
import { Panel } from '../../components/Panel';
import { NumberField, TextField } from './fields';
import { useAppStore } from '../../state/store';
import { RedisPasswordField } from './RedisPasswordField';

const ttlLabels: Record<string, string> = {
  ohlcv: 'Candles (OHLCV)',
  ticker: 'Ticker',
  deals: 'Trades (deals)',
  orderBook: 'Order book',
  balance: 'Balance',
};

/** Redis for a shared cache, and how long each data type may be served from it. */
export function ConnectionSection() {
  const cache = useAppStore((state) => state.snapshot?.apiHealth?.cache ?? null);
  return (
    <Panel title="Cache & Redis" testId="settings-connection">
      <TextField
        path={['redisUrl']}
        label="Redis URL"
        nullable
        placeholder="redis://127.0.0.1:6379"
        hint={
          <>
            Empty keeps the in-memory cache; a password goes in the field below. {cache === 'redis' ? 'Redis is connected now.' : cache === 'redis-down' ? 'Redis is down now: serving from memory.' : ''}
          </>
        }
      />
      <RedisPasswordField />
      <fieldset className="nested">
        <legend>Cache lifetimes</legend>
        <div className="field-grid">
          {cacheDataTypes.map((type) => (
            <NumberField key={type} path={['cacheTtl', type]} label={ttlLabels[type] ?? type} unit="s" />
          ))}
        </div>
      </fieldset>
    </Panel>
  );
}
