import { useId, type ReactNode } from 'react';
import { FormField, type FormFieldControl } from '../../components/FormField';
import { fieldMeta } from './fieldMeta';
import { getAt, labelFromKey, parseNumberInput, pathKey, type Path } from './settingsForm';
import { useSettingsForm } from './SettingsFormContext';

interface FieldProps {
  path: Path;
  label?: string;
  hint?: ReactNode;
}

/** A FormField whose message is the schema's for this path. */
function FieldFrame({ path, label, hint, children }: FieldProps & { children: (control: FormFieldControl) => ReactNode }) {
  const { fieldErrors } = useSettingsForm();
  return (
    <FormField label={label ?? labelFromKey(String(path[path.length - 1]))} hint={hint} error={fieldErrors[pathKey(path)]}>
      {children}
    </FormField>
  );
}

export function NumberField({ path, label, hint, unit }: FieldProps & { unit?: string }) {
  const { draft, update } = useSettingsForm();
  const value = getAt(draft, path) as number | undefined;
  return (
    <FieldFrame path={path} label={label} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <span className="input-with-unit">
          <input
            id={id}
            type="number"
            step="any"
            inputMode="decimal"
            value={value === undefined || Number.isNaN(value) ? '' : String(value)}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => update(path, parseNumberInput(event.target.value))}
          />
          {unit && <span className="unit">{unit}</span>}
        </span>
      )}
    </FieldFrame>
  );
}

export function TextField({ path, label, hint, placeholder, nullable }: FieldProps & { placeholder?: string; nullable?: boolean }) {
  const { draft, update } = useSettingsForm();
  const value = getAt(draft, path) as string | null | undefined;
  return (
    <FieldFrame path={path} label={label} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder={placeholder}
          value={value ?? ''}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => update(path, nullable && event.target.value.trim() === '' ? null : event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

export function CheckboxField({ path, label, hint }: FieldProps) {
  const id = useId();
  const { draft, update, fieldErrors } = useSettingsForm();
  const error = fieldErrors[pathKey(path)];
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={Boolean(getAt(draft, path))} onChange={(event) => update(path, event.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label ?? labelFromKey(String(path[path.length - 1]))}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * Fields for a settings object the form has no bespoke layout for (e.g. a new
 * strategy or risk section): one control per key, chosen by the value's type.
 */
export function ObjectFields({ path }: { path: Path }) {
  const { draft } = useSettingsForm();
  const value = getAt(draft, path);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return (
    <div className="field-grid">
      {Object.entries(value as Record<string, unknown>).map(([key, child]) => {
        const childPath = [...path, key];
        const meta = fieldMeta[pathKey(childPath)] ?? {};
        if (typeof child === 'number') return <NumberField key={key} path={childPath} label={meta.label} hint={meta.hint} unit={meta.unit} />;
        if (typeof child === 'boolean') return <CheckboxField key={key} path={childPath} label={meta.label} hint={meta.hint} />;
        if (typeof child === 'string' || child === null) {
          return <TextField key={key} path={childPath} label={meta.label} hint={meta.hint} nullable={child === null} />;
        }
        if (typeof child === 'object' && !Array.isArray(child)) {
          return (
            <fieldset key={key} className="nested">
              <legend>{labelFromKey(key)}</legend>
              <ObjectFields path={childPath} />
            </fieldset>
          );
        }
        return null;
      })}
    </div>
  );
}
