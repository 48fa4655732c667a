import { useRef, useState, type KeyboardEvent } from 'react';
import { maskRedisUrl } from '../../../shared/maskRedisUrl';
import { withRedisPassword } from '../../../shared/withRedisPassword';
import { api } from '../../bridge/api';
import { FormField } from '../../components/FormField';
import { ErrorText } from '../../components/Panel';
import { useCommand } from '../../components/useCommand';
import { useSettingsForm } from './SettingsFormContext';
import { isDirty, validateSettings } from './settingsForm';
import { useAppStore } from '../../state/store';

/**
 * The Redis password, write-only like the API secret (issue 14): the input is
 * uncontrolled and emptied the moment the password is sent, the engine keeps
 * it in the keychain, and the page only ever shows the URL masked.
 */
export function RedisPasswordField() {
  const { draft } = useSettingsForm();
  const saved = useAppStore((state) => state.settings);
  const setSettings = useAppStore((state) => state.setSettings);
  const input = useRef<HTMLInputElement>(null);
  const [empty, setEmpty] = useState<string | undefined>(undefined);
  const [justSaved, setJustSaved] = useState(false);
  const save = useCommand();
  const stored = saved?.redisPasswordStored === true;
  const ready = draft.redisUrl !== null && validateSettings(draft).valid;
  const othersPending = isDirty(saved, draft);

  // The whole draft is saved with it: the form sends settings as one (SettingsView).
  const send = async (redisUrl: string | null, redisPasswordStored: boolean) => {
    setJustSaved(false);
    const value = await save.run(() => api().setSettings({ ...draft, redisUrl, redisPasswordStored }));
    if (value) {
      setSettings(value);
      setJustSaved(true);
    }
  };

  const onSave = async () => {
    const field = input.current;
    if (!field || draft.redisUrl === null) return;
    const password = field.value;
    if (password === '') return setEmpty('Type the password first.');
    setEmpty(undefined);
    // Out of the page before the reply: whatever happens next, the password is gone from the DOM.
    field.value = '';
    await send(withRedisPassword(draft.redisUrl, password), true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    // Enter would submit the settings form without the password.
    event.preventDefault();
    if (ready) void onSave();
  };

  return (
    <div className="redis-password" data-testid="redis-password">
      {saved?.redisUrl && (
        <p className="hint">
          Connects as <code data-testid="redis-url-masked">{maskRedisUrl(saved.redisUrl, stored)}</code>
          {stored ? ' · password in the OS keychain' : ' · no password'}
        </p>
      )}
      <FormField
        label="Redis password"
        hint={
          !ready
            ? 'Enter a valid Redis URL first.'
            : `Write-only: sent once to the keychain, never shown again.${othersPending ? ' Saving it also saves your other changes.' : ''}`
        }
        error={empty}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            ref={input}
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            placeholder={stored ? 'Stored: type a new one to replace it' : 'None'}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            disabled={!ready}
            onKeyDown={onKeyDown}
          />
        )}
      </FormField>
      <div className="actions">
        <button type="button" disabled={!ready || save.pending} onClick={() => void onSave()}>
          {save.pending ? 'Saving…' : 'Save password'}
        </button>
        {stored && (
          <button type="button" className="danger" disabled={!ready || save.pending} onClick={() => void send(draft.redisUrl, false)}>
            Remove password
          </button>
        )}
      </div>
      {justSaved && (
        <p role="status" className="ok-text">
          {stored ? 'Password saved to the keychain.' : 'Password removed from the keychain.'}
        </p>
      )}
      <ErrorText error={save.error} />
    </div>
  );
}
