import type { MarketSummary } from '../../../shared/contract';
import type { PriceAlertRule } from '../../../shared/settings';
import type { AlertInput } from '../alerts/AlertCenter';
import { PriceAlertWatcher } from '../alerts/PriceAlertWatcher';
import type { MexcClient } from '../exchange/MexcClient';
import type { Logger } from '../logging/Logger';

// Why a module of its own: the alerts that market updates raise (the user's price rules, MEXC failing) are wired in one place.

export interface MarketAlertsOptions {
  symbol: string;
  logger: Logger;
  raiseAlert(alert: AlertInput): void;
}

/** On each market update: the user's price rules, and a warning when the circuit breaker opens (a log line when it closes). */
export class MarketAlerts {
  private readonly priceAlerts = new PriceAlertWatcher();
  private lastBreakerState = 'closed';

  constructor(private readonly options: MarketAlertsOptions) {}

  check(summary: MarketSummary | null, rules: readonly PriceAlertRule[], client: MexcClient): void {
    const { symbol, logger, raiseAlert } = this.options;
    if (summary) {
      for (const alert of this.priceAlerts.check(rules, symbol, summary.last, summary.change24hPercent)) raiseAlert(alert);
    }
    const breaker = client.breaker.state;
    if (breaker !== this.lastBreakerState) {
      this.lastBreakerState = breaker;
      if (breaker === 'open') raiseAlert({ severity: 'warning', kind: 'breaker', message: `MEXC is failing (${client.metrics.lastError ?? 'no answer'}): requests paused, data may be stale.` });
      else if (breaker === 'closed') logger.info('MEXC answers again: circuit closed.');
    }
  }
}
