import type { WhyNot } from '../../shared/contract';
import { formatTime } from '../../shared/formatTime';
import { Panel } from '../components/Panel';
import { useNow } from '../components/useNow';
import { formatRelative } from '../format/formatAge';
import { formatDecimal } from '../format/formatDecimal';
import { useAppStore } from '../state/store';
import { snapshotPanelStatus } from './snapshotStatus';

const signalLabels: Record<WhyNot['signal'], string> = { buy: 'Buy signal', hold: 'No signal', unknown: 'Waiting for candles' };

/** Headings for what can refuse a buy; the engine's message says the rest. Unknown codes show as they come. */
const blockerLabels: Record<string, string> = {
  BOT_NOT_RUNNING: 'Bot not running',
  NOT_READY: 'Trading not ready',
  NO_PRICE: 'No price',
  NO_KEYS: 'No API keys',
  PAPER_WALLET_RESET: 'Paper wallet lost',
  UNRESOLVED_ORDER: 'Order of unknown outcome',
  KILL_SWITCH: 'Kill switch',
  MAX_POSITION: 'Maximum position',
  MAX_ORDER_VALUE: 'Maximum order value',
  DAILY_LOSS_CAP: 'Daily loss cap',
  MAX_ORDERS_PER_DAY: 'Orders per day',
  INSUFFICIENT_BALANCE: 'Balance',
  OPEN_ORDER_CAP: 'Open orders',
  BELOW_MIN_COST: "MEXC's minimum order value",
  BELOW_MIN_AMOUNT: "MEXC's minimum amount",
  MARKET_INACTIVE: 'Market closed',
};

const Condition = ({ met }: { met: boolean }) => <span className={met ? 'condition-met' : 'condition-unmet'}>{met ? 'Met' : 'Not met'}:</span>;

/**
 * "Why hasn't it bought?" (issue 17): the strategy's two conditions on the
 * newest daily candle, what would refuse a buy right now and when the next run
 * is. The engine measures all of it (whyNotYet); this only shows it.
 */
export function WhyNotPanel() {
  const snapshot = useAppStore((state) => state.snapshot);
  const error = useAppStore((state) => state.snapshotError);
  const now = useNow(1000);
  const status = snapshotPanelStatus(snapshot, error, (s) => (s.whyNot ? null : 'Waiting for the daily candles and the market rules from MEXC.'));
  const why = snapshot?.whyNot;
  if (!why) return <Panel title="Why no buy yet?" status={status} testId="why-not-panel" className="why-not" />;
  const { params } = why;
  const fast = `EMA${params.emaFast}`;
  const slow = `EMA${params.emaSlow}`;
  const above = why.gap !== null && Number(why.gap) > 0;
  return (
    <Panel
      title="Why no buy yet?"
      testId="why-not-panel"
      className="why-not"
      badge={
        <span className={`badge signal signal-${why.signal}`} data-testid="why-not-signal" data-signal={why.signal}>
          {signalLabels[why.signal]}
        </span>
      }
    >
      <p className="rule">
        The bot buys when the daily close ≤ {slow} × {params.buyThreshold} and {fast} ≥ {slow}.
      </p>
      <dl className="kv">
        {why.signal === 'unknown' ? (
          <>
            <dt>Strategy</dt>
            <dd data-testid="why-not-reason">{why.reason}</dd>
          </>
        ) : (
          <>
            <dt>Close</dt>
            <dd>{formatDecimal(why.close)}</dd>
            <dt>Buy line</dt>
            <dd data-testid="why-not-threshold">
              {formatDecimal(why.threshold)}{' '}
              <span className="muted">
                ({slow} {formatDecimal(why.emaSlow)} × {params.buyThreshold})
              </span>
            </dd>
            <dt>Distance</dt>
            <dd data-testid="why-not-gap">
              <Condition met={!above} />{' '}
              {above
                ? `the close is ${formatDecimal(why.gap)} (${formatDecimal(why.gapPercent)} %) above the buy line: it must fall that far.`
                : `the close is ${formatDecimal(why.gap?.replace(/^-/, '') ?? null)} (${formatDecimal(why.gapPercent?.replace(/^-/, '') ?? null)} %) inside the buy zone.`}
            </dd>
            <dt>Trend</dt>
            <dd data-testid="why-not-trend">
              <Condition met={why.trendUp === true} /> {fast} {formatDecimal(why.emaFast)} {why.trendUp ? '≥' : '<'} {slow} {formatDecimal(why.emaSlow)}
            </dd>
          </>
        )}
        <dt>Would refuse a buy now</dt>
        <dd data-testid="why-not-blockers">
          {why.blockers.length === 0 ? (
            <span>nothing: a buy signal would be sent.</span>
          ) : (
            <ul className="blockers">
              {why.blockers.map((blocker) => (
                <li key={blocker.code} data-code={blocker.code}>
                  <strong>{blockerLabels[blocker.code] ?? blocker.code}</strong>
                  {blocker.by && <span className="muted"> (over by {blocker.by})</span>}: {blocker.message}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Next run</dt>
        <dd data-testid="why-not-next-run">
          {why.nextRunAt === null ? (
            <span className="muted">none scheduled: the daily run happens only while the bot runs</span>
          ) : (
            <>
              {formatTime(why.nextRunAt)} <span className="muted">({formatRelative(why.nextRunAt, now)})</span>
            </>
          )}
        </dd>
      </dl>
    </Panel>
  );
}
