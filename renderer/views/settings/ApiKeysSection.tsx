import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { SaveApiKeysInputSchema, type ApiKeyStatus, type ConnectionTest } from '../../../shared/contract';
import { WITHDRAW_PERMISSION_WARNING } from '../../../shared/withdrawPermissionWarning';
import { api } from '../../bridge/api';
import { FormField } from '../../components/FormField';
import { ErrorText, Panel, type PanelStatus } from '../../components/Panel';
import { useCommand } from '../../components/useCommand';

type KeyField = 'apiKey' | 'secret';

/**
 * Write-only key entry: the inputs are uncontrolled (the secret never enters
 * React state or the store), the form is reset the moment the keys are sent,
 * and afterwards only the engine's masked key is shown.
 */
export function ApiKeysSection() {
  const [status, setStatus] = useState<ApiKeyStatus | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<KeyField, string>>>({});
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [saved, setSaved] = useState(false);
  const load = useCommand();
  const save = useCommand();
  const testing = useCommand();
  const remove = useCommand();

  const refresh = useCallback(async () => {
    const value = await load.run(() => api().getApiKeyStatus());
    if (value) setStatus(value);
  }, [load.run]);
  useEffect(() => void refresh(), [refresh]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = SaveApiKeysInputSchema.safeParse({ apiKey: String(data.get('apiKey') ?? ''), secret: String(data.get('secret') ?? '') });
    setSaved(false);
    if (!parsed.success) {
      const errors: Partial<Record<KeyField, string>> = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as KeyField] ??= issue.message;
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    // Out of the page before the reply: whatever happens next, the secret is gone from the DOM.
    form.reset();
    const value = await save.run(() => api().saveApiKeys(parsed.data));
    if (value) {
      setStatus(value);
      setTest(null);
      setSaved(true);
    }
  };

  const onTest = async () => {
    setTest(null);
    const value = await testing.run(() => api().testConnection());
    if (value) setTest(value);
  };

  const onDelete = async () => {
    if (!confirmDelete) return setConfirmDelete(true);
    setConfirmDelete(false);
    const value = await remove.run(() => api().clearApiKeys());
    if (value) {
      setStatus(value);
      setTest(null);
      setSaved(false);
    }
  };

  const panelStatus: PanelStatus = status
    ? { kind: 'ready' }
    : load.error
      ? { kind: 'error', error: load.error, retry: () => void refresh() }
      : { kind: 'loading' };

  return (
    <Panel title="MEXC API keys" testId="api-keys" status={panelStatus}>
      {status && (
        <>
          <p data-testid="key-status">
            {status.configured ? (
              <>
                Saved in the OS keychain: <code data-testid="masked-key">{status.maskedKey}</code>
              </>
            ) : (
              <>No keys saved. Market data works without keys; trading on the exchange needs them.</>
            )}
          </p>
          {saved && (
            <p role="status" className="ok-text">
              Keys saved to the keychain. The secret is not kept in this page.
            </p>
          )}
          <form className="key-form" onSubmit={(event) => void onSubmit(event)} autoComplete="off" noValidate>
            <FormField
              label="API key"
              hint={status.configured ? 'Saving new keys replaces the stored pair.' : 'From MEXC → API management; spot trading only, no withdrawals.'}
              error={fieldErrors.apiKey}
            >
              {({ id, describedBy, invalid }) => (
                <input id={id} name="apiKey" type="text" autoComplete="off" spellCheck={false} aria-invalid={invalid} aria-describedby={describedBy} />
              )}
            </FormField>
            <FormField label="Secret" hint="Write-only: sent once to the keychain, never shown again." error={fieldErrors.secret}>
              {({ id, describedBy, invalid }) => (
                <input id={id} name="secret" type="password" autoComplete="off" spellCheck={false} aria-invalid={invalid} aria-describedby={describedBy} />
              )}
            </FormField>
            <div className="actions">
              <button type="submit" className="primary" disabled={save.pending}>
                {save.pending ? 'Saving…' : 'Save keys'}
              </button>
              <button type="button" disabled={!status.configured || testing.pending} onClick={() => void onTest()}>
                {testing.pending ? 'Testing…' : 'Test connection'}
              </button>
              <button type="button" className="danger" disabled={!status.configured || remove.pending} onClick={() => void onDelete()} onBlur={() => setConfirmDelete(false)}>
                {confirmDelete ? 'Confirm: delete keys' : 'Delete keys'}
              </button>
            </div>
          </form>
          <ErrorText error={save.error ?? remove.error ?? testing.error} />
          {test && (
            <div className={`result-box ${test.ok ? 'ok' : 'bad'}`} role="status" data-testid="connection-result">
              <strong>{test.ok ? '✔ Connected' : '✖ Connection failed'}</strong>
              <span>{test.message}</span>
              {test.ok && (
                <span>
                  Trading permission: {test.canTrade ? 'yes' : 'no (live mode needs it)'}
                  {test.latencyMs !== null && ` · ${Math.round(test.latencyMs)} ms`}
                </span>
              )}
            </div>
          )}
          {test?.canWithdraw && (
            <div className="result-box bad" role="alert" data-testid="withdraw-warning">
              <strong>⚠ Withdrawal permission is on</strong>
              <span>{WITHDRAW_PERMISSION_WARNING}</span>
            </div>
          )}
        </>
      )}
    </Panel>
  );
}
