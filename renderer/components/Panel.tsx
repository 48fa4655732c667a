import { useId, type ReactNode } from 'react';
import type { ContractError } from '../../shared/contract';

export type PanelStatus =
  | { kind: 'ready' }
  | { kind: 'loading'; message?: string }
  | { kind: 'empty'; message: string }
  | { kind: 'error'; error: ContractError | { message: string }; retry?: () => void };

export const ready: PanelStatus = { kind: 'ready' };

interface PanelProps {
  title: string;
  status?: PanelStatus;
  /** e.g. a StaleBadge next to the title */
  badge?: ReactNode;
  /** buttons on the right of the header */
  actions?: ReactNode;
  className?: string;
  testId?: string;
  children?: ReactNode;
}

/** Every panel has the same four states: loading, empty, error, and its content. */
export function Panel({ title, status = ready, badge, actions, className, testId, children }: PanelProps) {
  const headingId = useId();
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={headingId} data-testid={testId} aria-busy={status.kind === 'loading'}>
      <header className="panel-head">
        <h2 id={headingId}>{title}</h2>
        {badge}
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      <PanelBody status={status}>{children}</PanelBody>
    </section>
  );
}

function PanelBody({ status, children }: { status: PanelStatus; children?: ReactNode }) {
  switch (status.kind) {
    case 'loading':
      return (
        <p className="panel-state loading" role="status">
          <span className="spinner" aria-hidden="true" /> {status.message ?? 'Loading…'}
        </p>
      );
    case 'empty':
      return <p className="panel-state empty">{status.message}</p>;
    case 'error':
      return (
        <div className="panel-state error" role="alert">
          <span>{status.error.message}</span>
          {status.retry && (
            <button type="button" className="small" onClick={status.retry}>
              Retry
            </button>
          )}
        </div>
      );
    default:
      return <>{children}</>;
  }
}

/** A command's typed error, in words, next to the control that caused it. */
export function ErrorText({ error }: { error: { message: string } | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="error-text">
      {error.message}
    </p>
  );
}
