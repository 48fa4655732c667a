import { formatAge } from '../format/formatAge';
import { freshnessOf } from '../format/freshness';
import { useAppStore } from '../state/store';
import { useNow } from './useNow';

interface StaleBadgeProps {
  fetchedAt: number | null;
  stale: boolean;
  /** what the data is, for screen readers: "Price" */
  subject: string;
}

/** Live, stale or offline, always said in words: colour alone never carries it. */
export function StaleBadge({ fetchedAt, stale, subject }: StaleBadgeProps) {
  const connected = useAppStore((state) => state.connection === 'open');
  const now = useNow(1000);
  const freshness = freshnessOf({ fetchedAt, stale, connected, now }, formatAge);
  if (freshness.kind === 'missing') return null;
  return (
    <span
      className={`badge freshness freshness-${freshness.kind}`}
      title={freshness.description}
      data-testid={`freshness-${subject.toLowerCase().replace(/\s+/g, '-')}`}
      data-freshness={freshness.kind}
    >
      <span className="visually-hidden">{subject}: </span>
      {freshness.label}
    </span>
  );
}
