import { themes } from '../../../shared/settings';
import { Panel } from '../../components/Panel';
import { CheckboxField } from './fields';
import { useSettingsForm } from './SettingsFormContext';

const themeLabels: Record<(typeof themes)[number], string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Theme and start-up. */
export function AppearanceSection() {
  const { draft, update } = useSettingsForm();
  return (
    <Panel title="Appearance & start-up" testId="settings-appearance">
      <fieldset className="radio-row">
        <legend>Theme</legend>
        {themes.map((theme) => (
          <label key={theme} className="radio">
            <input type="radio" name="theme" value={theme} checked={draft.theme === theme} onChange={() => update(['theme'], theme)} /> {themeLabels[theme]}
          </label>
        ))}
      </fieldset>
      <CheckboxField path={['launchAtLogin']} label="Launch at login" hint="Start the app (in the tray, bot stopped) when you log in." />
    </Panel>
  );
}
