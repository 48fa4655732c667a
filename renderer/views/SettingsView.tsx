import { useMemo, useState, type ComponentType } from 'react';
import { api } from '../bridge/api';
import { Panel } from '../components/Panel';
import { useCommand } from '../components/useCommand';
import { refreshSettings } from '../state/connectStore';
import { SettingsFormContext, type SettingsForm } from './settings/SettingsFormContext';
import { isDirty, setAt, validateSettings } from './settings/settingsForm';
import { useAppStore } from '../state/store';
import { ApiKeysSection } from './settings/ApiKeysSection';
import { AppearanceSection } from './settings/AppearanceSection';
import { ConnectionSection } from './settings/ConnectionSection';
import { ModeSection } from './settings/ModeSection';
import { PaperWalletSection } from './settings/PaperWalletSection';
import { PriceAlertsSection } from './settings/PriceAlertsSection';
import { RiskSection, StrategySection } from './settings/SchemaSection';

/** The sections of the one settings object, in order: a new section is one line here. */
const formSections: { key: string; Section: ComponentType }[] = [
  { key: 'strategy', Section: StrategySection },
  { key: 'risk', Section: RiskSection },
  { key: 'paper', Section: PaperWalletSection },
  { key: 'priceAlerts', Section: PriceAlertsSection },
  { key: 'connection', Section: ConnectionSection },
  { key: 'appearance', Section: AppearanceSection },
];

export function SettingsView() {
  return (
    <div className="settings">
      <div className="settings-top">
        <ApiKeysSection />
        <ModeSection />
      </div>
      <SettingsFormPanel />
    </div>
  );
}

/** Everything in the settings object is edited as a draft, checked with the contract's schema, and saved as one. */
function SettingsFormPanel() {
  const saved = useAppStore((state) => state.settings);
  const draft = useAppStore((state) => state.settingsDraft);
  const loadError = useAppStore((state) => state.settingsError);
  const setDraft = useAppStore((state) => state.setSettingsDraft);
  const setSettings = useAppStore((state) => state.setSettings);
  const save = useCommand();
  const [justSaved, setJustSaved] = useState(false);
  const validation = useMemo(() => (draft ? validateSettings(draft) : null), [draft]);

  const form = useMemo<SettingsForm | null>(
    () =>
      draft && validation
        ? {
            draft,
            fieldErrors: validation.fieldErrors,
            update: (path, value) => {
              setJustSaved(false);
              setDraft(setAt(useAppStore.getState().settingsDraft, path, value));
            },
          }
        : null,
    [draft, validation, setDraft],
  );

  if (!form || !draft || !validation) {
    return (
      <Panel
        title="Settings"
        testId="settings-form"
        status={loadError ? { kind: 'error', error: loadError, retry: () => void refreshSettings(api()) } : { kind: 'loading', message: 'Loading settings…' }}
      />
    );
  }

  const dirty = isDirty(saved, draft);
  const errorCount = Object.keys(validation.fieldErrors).length + validation.formErrors.length;
  const onSave = async () => {
    if (!validation.valid) return;
    const value = await save.run(() => api().setSettings(draft));
    if (value) {
      setSettings(value);
      setJustSaved(true);
    }
  };

  return (
    <SettingsFormContext.Provider value={form}>
      <form
        className="settings-form"
        data-testid="settings-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onSave();
        }}
      >
        <div className="settings-grid">
          {formSections.map(({ key, Section }) => (
            <Section key={key} />
          ))}
        </div>
        <div className="save-bar" role="region" aria-label="Save settings">
          <span className="save-state" role="status">
            {errorCount > 0
              ? `${errorCount} ${errorCount === 1 ? 'field needs' : 'fields need'} attention`
              : dirty
                ? 'Unsaved changes'
                : justSaved
                  ? 'Saved'
                  : 'No changes'}
          </span>
          {validation.formErrors.map((message) => (
            <span key={message} className="field-error">
              {message}
            </span>
          ))}
          {save.error && (
            <span className="field-error" role="alert" data-testid="settings-save-error">
              {save.error.message}
            </span>
          )}
          <button type="button" disabled={!dirty || save.pending} onClick={() => saved && setDraft(saved)}>
            Revert
          </button>
          <button type="submit" className="primary" disabled={!dirty || !validation.valid || save.pending}>
            {save.pending ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </form>
    </SettingsFormContext.Provider>
  );
}
