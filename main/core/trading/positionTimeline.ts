import type { PositionPoint } from '../../../shared/contract';
import type { TradeHistory } from './TradeHistory';

/**
 * The History chart's points (issue 17): the position, average cost and PnL
 * after each fill, unrealized valued at that fill's price (the market as the
 * fills saw it), then one point now at the last price. Charts plot one point a
 * second, so fills within one second show as the last of them.
 */
export function positionTimeline(history: TradeHistory, lastPrice: string | null, now: number): PositionPoint[] {
  const points: PositionPoint[] = [];
  const second = (time: number) => Math.floor(time / 1000);
  const push = (point: PositionPoint) => {
    if (points.length > 0 && second(points.at(-1)!.time) === second(point.time)) points.pop();
    points.push(point);
  };
  for (const step of history.steps()) {
    push({ time: step.fill.timestamp, positionAmount: step.positionAmount, averageCost: step.averageCost, realized: step.realized, unrealized: step.unrealized });
  }
  const last = points.at(-1);
  if (last && lastPrice !== null && second(now) > second(last.time)) {
    const pnl = history.pnl(lastPrice);
    points.push({ time: now, positionAmount: pnl.positionAmount, averageCost: pnl.averageCost, realized: pnl.realized, unrealized: pnl.unrealized! });
  }
  return points;
}
