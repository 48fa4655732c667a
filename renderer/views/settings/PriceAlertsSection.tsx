import { useId } from 'react';
import type { PriceAlertRule } from '../../../shared/settings';
import { Panel } from '../../components/Panel';
import { newRuleId, pathKey } from './settingsForm';
import { useSettingsForm } from './SettingsFormContext';
import { useAppStore } from '../../state/store';

const ruleTypes: { value: PriceAlertRule['type']; label: string; unit: string }[] = [
  { value: 'above', label: 'Price above', unit: 'USDT' },
  { value: 'below', label: 'Price below', unit: 'USDT' },
  { value: 'move24h', label: '24 h move of at least', unit: '%' },
];

/** Price alert rules: above/below a price, or a 24 h move of N %. */
export function PriceAlertsSection() {
  const { draft, update } = useSettingsForm();
  const last = useAppStore((state) => state.snapshot?.market?.last ?? null);
  const rules = draft.priceAlerts;
  // A new rule starts at the current price: a valid value to adjust, not an empty field.
  const add = () => update(['priceAlerts'], [...rules, { id: newRuleId(Date.now(), rules), type: 'above', value: last ?? '', enabled: true }]);
  return (
    <Panel
      title="Price alerts"
      testId="settings-price-alerts"
      actions={
        <button type="button" className="small" onClick={add} disabled={rules.length >= 50}>
          Add rule
        </button>
      }
    >
      {rules.length === 0 ? (
        <p className="panel-state empty">No price rules. Add one to be told when QRL crosses a price or moves sharply.</p>
      ) : (
        <ul className="rules">
          {rules.map((rule, index) => (
            <RuleRow key={rule.id} rule={rule} index={index} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

function RuleRow({ rule, index }: { rule: PriceAlertRule; index: number }) {
  const id = useId();
  const { draft, update, fieldErrors } = useSettingsForm();
  const base = ['priceAlerts', index];
  const error = fieldErrors[pathKey([...base, 'value'])] ?? fieldErrors[pathKey([...base, 'type'])];
  const unit = ruleTypes.find((type) => type.value === rule.type)?.unit ?? '';
  return (
    <li className={`rule ${error ? 'invalid' : ''}`}>
      <label className="visually-hidden" htmlFor={`${id}-type`}>
        Rule {index + 1} condition
      </label>
      <select id={`${id}-type`} value={rule.type} onChange={(event) => update([...base, 'type'], event.target.value)}>
        {ruleTypes.map((type) => (
          <option key={type.value} value={type.value}>
            {type.label}
          </option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor={`${id}-value`}>
        Rule {index + 1} value in {unit}
      </label>
      <span className="input-with-unit">
        <input
          id={`${id}-value`}
          type="text"
          inputMode="decimal"
          value={rule.value}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => update([...base, 'value'], event.target.value.trim())}
        />
        <span className="unit">{unit}</span>
      </span>
      <span className="checkbox-inline">
        <input id={`${id}-enabled`} type="checkbox" checked={rule.enabled} onChange={(event) => update([...base, 'enabled'], event.target.checked)} />
        <label htmlFor={`${id}-enabled`}>On</label>
      </span>
      <button
        type="button"
        className="small"
        aria-label={`Remove rule ${index + 1}`}
        onClick={() => update(['priceAlerts'], draft.priceAlerts.filter((_, at) => at !== index))}
      >
        Remove
      </button>
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </li>
  );
}
