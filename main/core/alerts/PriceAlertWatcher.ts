import type { PriceAlertRule } from '../../../shared/settings';
import type { AlertInput } from './AlertCenter';

/**
 * Turns the user's price rules into alerts. A rule fires when its condition
 * becomes true and re-arms only once it has been false again, so a price that
 * hovers above a line raises one alert, not one per tick.
 *
 * Comparisons parse decimal strings to numbers: for prices of at most 15
 * significant digits the order of the parsed values is exactly the order of
 * the decimals, and nothing is summed.
 */
export class PriceAlertWatcher {
  private readonly armed = new Map<string, boolean>();

  check(rules: readonly PriceAlertRule[], symbol: string, last: string, change24hPercent: string | null): AlertInput[] {
    const alerts: AlertInput[] = [];
    for (const rule of rules) {
      if (!rule.enabled) continue;
      const key = `${rule.id}:${rule.type}:${rule.value}`;
      const met = conditionMet(rule, Number(last), change24hPercent === null ? null : Number(change24hPercent));
      if (met === null) continue;
      if (met && this.armed.get(key) !== false) {
        alerts.push({ severity: 'warning', kind: 'price', message: describe(rule, symbol, last, change24hPercent), dedupeKey: `price:${key}` });
      }
      this.armed.set(key, !met);
    }
    return alerts;
  }
}

function conditionMet(rule: PriceAlertRule, last: number, change: number | null): boolean | null {
  const value = Number(rule.value);
  switch (rule.type) {
    case 'above':
      return last >= value;
    case 'below':
      return last <= value;
    case 'move24h':
      return change === null ? null : Math.abs(change) >= value;
  }
}

function describe(rule: PriceAlertRule, symbol: string, last: string, change: string | null): string {
  switch (rule.type) {
    case 'above':
      return `${symbol} is at ${last}, at or above your alert at ${rule.value}.`;
    case 'below':
      return `${symbol} is at ${last}, at or below your alert at ${rule.value}.`;
    case 'move24h':
      return `${symbol} moved ${change}% in 24 h (your alert: ±${rule.value}%).`;
  }
}
