/**
 * Words and units for settings fields the form knows by name. Anything not
 * listed still gets a control, labelled from its key: a new schema field
 * shows up without a change here.
 */
export interface FieldMeta {
  label?: string;
  unit?: string;
  hint?: string;
}

export const fieldMeta: Record<string, FieldMeta> = {
  'strategy.baseOrderUsdt': { label: 'Base order', unit: 'USDT', hint: 'Value of one limit buy.' },
  'strategy.priceOffset': { label: 'Price offset', hint: 'Limit price as a share of the last price: 0.98 = 2 % below.' },
  'strategy.emaFast': { label: 'Fast EMA', unit: 'candles' },
  'strategy.emaSlow': { label: 'Slow EMA', unit: 'candles' },
  'strategy.candleLimit': { label: 'Daily candles read', unit: 'candles' },
  'strategy.buyThreshold': { label: 'Buy threshold', hint: 'Buy while the close ≤ slow EMA × this.' },
  'strategy.dailyRunTime': { label: 'Daily run', hint: 'Local time, HH:MM (24-hour).' },
  'risk.maxPositionUsdt': { label: 'Max position', unit: 'USDT', hint: 'Position + open buys + this order.' },
  'risk.maxOrderUsdt': { label: 'Max order value', unit: 'USDT' },
  'risk.dailyLossCapUsdt': { label: 'Daily loss cap', unit: 'USDT', hint: 'Realized + unrealized since midnight; stops new buys.' },
  'risk.maxOrdersPerDay': { label: 'Max orders a day' },
  'risk.maxOpenOrders': { label: 'Max open orders' },
  'paper.initialUsdt': { label: 'Paper wallet start', unit: 'USDT', hint: 'What a reset of the dry-run wallet starts from.' },
};
