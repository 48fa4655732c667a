import type { ReactNode } from 'react';
import { Panel } from '../../components/Panel';
import { ObjectFields } from './fields';
import { useSettingsForm } from './SettingsFormContext';

/**
 * A settings section drawn from the schema's shape: every field of
 * `settings[sectionKey]` gets a control and its validation message. New
 * sections need one line in SettingsView, not a new form.
 */
export function SchemaSection({ sectionKey, title, intro, missing, children }: { sectionKey: string; title: string; intro?: ReactNode; missing: string; children?: ReactNode }) {
  const { draft } = useSettingsForm();
  const present = sectionKey in draft;
  return (
    <Panel title={title} testId={`settings-${sectionKey}`} status={present ? { kind: 'ready' } : { kind: 'empty', message: missing }}>
      {intro && <p className="hint">{intro}</p>}
      <ObjectFields path={[sectionKey]} />
      {children}
    </Panel>
  );
}

export function StrategySection() {
  return (
    <SchemaSection
      sectionKey="strategy"
      title="Strategy"
      intro="EMA strategy: read on every daily run."
      missing="This engine build has no strategy parameters yet; they appear here once the settings schema has them."
    />
  );
}

export function RiskSection() {
  return (
    <SchemaSection
      sectionKey="risk"
      title="Risk limits"
      intro="Checked before every order, in dry-run and live alike."
      missing="This engine build has no risk limits in its settings yet; they appear here once the settings schema has them."
    />
  );
}
