import { formatDuration } from './formatAge';

/**
 * Staleness labelling: data is "live" only when the engine says it is fresh
 * AND the page is still connected to the engine. Anything else is badged.
 */
export type FreshnessKind = 'live' | 'stale' | 'offline' | 'missing';

export interface Freshness {
  kind: FreshnessKind;
  /** what the badge says */
  label: string;
  /** the longer explanation (title / screen reader text) */
  description: string;
}

export interface FreshnessInput {
  /** null when there is no data at all */
  fetchedAt: number | null;
  /** the engine's own verdict */
  stale: boolean;
  connected: boolean;
  now: number;
}

export function freshnessOf({ fetchedAt, stale, connected, now }: FreshnessInput, formatAgeText: (ms: number) => string): Freshness {
  if (fetchedAt === null) return { kind: 'missing', label: 'No data', description: 'No data received yet.' };
  // Data that is not live says how old it is, never "just now" (issue 17).
  const old = `${formatDuration(now - fetchedAt)} old`;
  if (!connected) {
    return { kind: 'offline', label: 'Offline', description: `Disconnected from the engine; data is ${old} and not updating.` };
  }
  if (stale) return { kind: 'stale', label: `Stale · ${old}`, description: `Stale: the data is ${old}; the exchange has not answered since.` };
  return { kind: 'live', label: 'Live', description: `Live: fetched ${formatAgeText(now - fetchedAt)} ago.` };
}
