import { lazy, Suspense, useMemo } from 'react';
import type { BacktestCurve, BacktestResult } from '../../shared/contract';
import { DecimalText } from '../components/DecimalText';
import { TableHead, type Column } from '../components/TableHead';
import { formatDate } from '../format/formatAxisTime';
import { formatDecimal } from '../format/formatDecimal';
import './backtest.css';

const EquityComparisonChart = lazy(() => import('../components/EquityComparisonChart').then((module) => ({ default: module.EquityComparisonChart })));

const columns: readonly Column[] = [
  { label: 'Plan' },
  { label: 'Final equity', numeric: true },
  { label: 'PnL', numeric: true },
  { label: 'Max drawdown', numeric: true },
  { label: 'Average cost', numeric: true },
  { label: 'QRL accumulated', numeric: true },
  { label: 'Buys', numeric: true, optional: true },
];

type Summary = Omit<BacktestCurve, 'equity'>;

/** The strategy against buy-and-hold and daily DCA of the same capital, over the same days (issue #17). */
export function BacktestComparison({ result }: { result: BacktestResult }) {
  const plans = useMemo(
    () => [
      { name: 'Strategy', summary: { ...result, buys: result.trades.length } satisfies Summary, equity: result.equity },
      { name: 'Buy and hold', summary: result.benchmarks.buyAndHold, equity: result.benchmarks.buyAndHold.equity },
      { name: 'Daily DCA', summary: result.benchmarks.dailyDca, equity: result.benchmarks.dailyDca.equity },
    ],
    [result],
  );
  const curves = useMemo(() => plans.map((plan) => ({ name: plan.name, points: plan.equity.map((point) => ({ time: point.time, value: point.equityUsdt })) })), [plans]);
  const description = plans.map((plan) => `${plan.name}: ${formatDecimal(plan.summary.finalEquityUsdt, 2)} USDT at the end, max drawdown ${formatDecimal(plan.summary.maxDrawdownPercent, 2)} %`).join('; ');

  return (
    <>
      <p className="backtest-period" data-testid="bt-period">
        Period used: {formatDate(result.from)} → {formatDate(result.to)}, {result.usedDays} of {result.requestedDays} days asked.
      </p>
      {result.historyNote && (
        <p className="backtest-note" role="note" data-testid="bt-history-note">
          {result.historyNote}
        </p>
      )}
      {result.equity.length > 1 ? (
        <Suspense fallback={<p className="panel-state loading">Loading chart…</p>}>
          <EquityComparisonChart curves={curves} label="Equity in USDT: strategy, buy and hold, daily DCA" description={`Equity from ${formatDate(result.from)} to ${formatDate(result.to)}. ${description}.`} />
        </Suspense>
      ) : (
        <p className="panel-state empty">Not enough points for an equity curve.</p>
      )}
      <table className="data comparison" data-testid="bt-comparison">
        <caption className="visually-hidden">The strategy against buy-and-hold and daily DCA of the same capital</caption>
        <TableHead columns={columns} />
        <tbody>
          {plans.map(({ name, summary }) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="r">
                <DecimalText value={summary.finalEquityUsdt} digits={2} unit="USDT" />
              </td>
              <td className="r">
                <DecimalText value={summary.pnlUsdt} digits={2} variant="signed" unit="USDT" />
              </td>
              <td className="r">
                <DecimalText value={summary.maxDrawdownPercent} digits={2} /> %
              </td>
              <td className="r">{summary.averageCostUsdt === null ? <span className="muted">no buys</span> : <DecimalText value={summary.averageCostUsdt} digits={4} unit="USDT" />}</td>
              <td className="r">
                <DecimalText value={summary.baseAccumulated} digits={2} unit="QRL" />
              </td>
              <td className="r opt">{summary.buys}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="backtest-fill-model muted" data-testid="bt-fill-model">
        {result.fillModel}
      </p>
    </>
  );
}
