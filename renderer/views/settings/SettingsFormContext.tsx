import { createContext, useContext } from 'react';
import type { Settings } from '../../../shared/settings';
import type { Path } from './settingsForm';

export interface SettingsForm {
  draft: Settings;
  update(path: Path, value: unknown): void;
  fieldErrors: Record<string, string>;
}

export const SettingsFormContext = createContext<SettingsForm | null>(null);

export function useSettingsForm(): SettingsForm {
  const form = useContext(SettingsFormContext);
  if (!form) throw new Error('Settings fields must sit inside the settings form.');
  return form;
}
