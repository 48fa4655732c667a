import { indicatorToggleNames, type IndicatorToggle, type IndicatorToggles } from '../format/chartIndicators';

const toggleLabels: Record<IndicatorToggle, string> = { ma: 'MA lines', rsi: 'RSI', macd: 'MACD', williamsR: 'Williams %R' };

/** Which extras the chart draws: plain checkboxes, so each says its state in words to every reader. */
export function IndicatorToggleGroup({ toggles, onChange }: { toggles: IndicatorToggles; onChange(next: IndicatorToggles): void }) {
  return (
    <fieldset className="chart-toggles" data-testid="chart-toggles">
      <legend>Show</legend>
      {indicatorToggleNames.map((name) => (
        <label key={name}>
          <input type="checkbox" checked={toggles[name]} onChange={(event) => onChange({ ...toggles, [name]: event.target.checked })} />
          {toggleLabels[name]}
        </label>
      ))}
    </fieldset>
  );
}
