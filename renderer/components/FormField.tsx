import { useId, type ReactNode } from 'react';

export interface FormFieldControl {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

/** Label, control, hint and error message, wired together for screen readers. */
export function FormField({ label, hint, error, children }: { label: ReactNode; hint?: ReactNode; error?: string | undefined; children: (control: FormFieldControl) => ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
