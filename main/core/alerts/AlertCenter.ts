import type { Alert } from '../../../shared/contract';
import type { Clock } from '../clock';

export type AlertInput = Omit<Alert, 'id' | 'time'> & {
  /** alerts with the same key inside the quiet window are one alert, not a flood */
  dedupeKey?: string;
};

export interface AlertCenterOptions {
  clock: Clock;
  /** how long an identical alert stays quiet */
  quietMs?: number;
  /** how many recent alerts the snapshot carries */
  keep?: number;
}

export const DEFAULT_ALERT_QUIET_MS = 15 * 60_000;
const DEFAULT_KEEP = 50;

/**
 * Every alert passes here: deduplicated, stamped with time and id, kept for
 * the feed, and handed to listeners (page, tray, notifications).
 */
export class AlertCenter {
  private readonly recentAlerts: Alert[] = [];
  private readonly lastRaised = new Map<string, number>();
  private readonly listeners = new Set<(alert: Alert) => void>();
  private sequence = 0;
  private unseen = 0;

  constructor(private readonly options: AlertCenterOptions) {}

  /** Returns the alert, or null when it repeats one raised inside the quiet window. */
  raise(input: AlertInput): Alert | null {
    const now = this.options.clock.now();
    const key = input.dedupeKey ?? `${input.kind}:${input.message}`;
    const previous = this.lastRaised.get(key);
    if (previous !== undefined && now - previous < (this.options.quietMs ?? DEFAULT_ALERT_QUIET_MS)) return null;
    this.lastRaised.set(key, now);

    const alert: Alert = { id: `a${now}-${++this.sequence}`, time: now, severity: input.severity, kind: input.kind, message: input.message };
    this.recentAlerts.unshift(alert);
    this.recentAlerts.length = Math.min(this.recentAlerts.length, this.options.keep ?? DEFAULT_KEEP);
    this.unseen += 1;
    this.listeners.forEach((listener) => listener(alert));
    return alert;
  }

  onAlert(listener: (alert: Alert) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** newest first */
  recent(): Alert[] {
    return [...this.recentAlerts];
  }

  acknowledge(): number {
    const count = this.unseen;
    this.unseen = 0;
    return count;
  }

  get unseenCount(): number {
    return this.unseen;
  }
}
