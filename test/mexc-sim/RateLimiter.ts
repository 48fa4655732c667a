export type RateLimitMode = 'shared' | 'per-endpoint';

export interface RateLimitOptions {
  windowMs: number;
  maxWeight: number;
  /** 'shared': one pool per IP and one per account (MEXC's Chinese doc); 'per-endpoint': one pool per endpoint (English doc) */
  mode: RateLimitMode;
  /** 429s inside one window before the IP is banned (418) */
  banAfterViolations: number;
  /** first ban; each later ban doubles, up to 3 days */
  banMs: number;
}

export type Admission = { ok: true } | { ok: false; status: 429 | 418; retryAfterSeconds: number };

const MAX_BAN_MS = 3 * 86_400_000;

/**
 * MEXC's limits: 500 weight per 10 s, counted per IP and per account (UID),
 * fixed windows; 429 with Retry-After when over, and a 418 ban for a client
 * that keeps going (MEXC's Spot v3 docs, limits).
 */
export class RateLimiter {
  private readonly used = new Map<string, { window: number; weight: number }>();
  private violations = new Map<string, { window: number; count: number }>();
  private bans = new Map<string, { until: number; count: number }>();
  readonly stats = { admitted: 0, limited: 0, banned: 0 };

  constructor(readonly options: RateLimitOptions) {}

  admit(now: number, endpoint: string, costs: { ip: string; ipWeight: number; uid?: number; uidWeight?: number }): Admission {
    const ban = this.bans.get(costs.ip);
    if (ban && now < ban.until) {
      this.stats.banned++;
      return { ok: false, status: 418, retryAfterSeconds: Math.ceil((ban.until - now) / 1000) };
    }
    const window = Math.floor(now / this.options.windowMs);
    const scope = this.options.mode === 'shared' ? '' : `:${endpoint}`;
    const pools: [string, number][] = [[`ip:${costs.ip}${scope}`, costs.ipWeight]];
    if (costs.uid !== undefined) pools.push([`uid:${costs.uid}${scope}`, costs.uidWeight ?? costs.ipWeight]);

    const over = pools.some(([key, weight]) => this.weightIn(key, window) + weight > this.options.maxWeight);
    if (over) {
      this.stats.limited++;
      const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * this.options.windowMs - now) / 1000));
      if (this.countViolation(costs.ip, window) >= this.options.banAfterViolations) {
        const previous = this.bans.get(costs.ip)?.count ?? 0;
        const duration = Math.min(MAX_BAN_MS, this.options.banMs * 2 ** previous);
        this.bans.set(costs.ip, { until: now + duration, count: previous + 1 });
        return { ok: false, status: 418, retryAfterSeconds: Math.ceil(duration / 1000) };
      }
      return { ok: false, status: 429, retryAfterSeconds };
    }
    for (const [key, weight] of pools) this.used.set(key, { window, weight: this.weightIn(key, window) + weight });
    this.stats.admitted++;
    return { ok: true };
  }

  /** Weight used in the current window (shared mode: the IP pool). */
  weightUsed(now: number, ip = '127.0.0.1'): number {
    return this.weightIn(`ip:${ip}`, Math.floor(now / this.options.windowMs));
  }

  banNow(ip: string, now: number, ms: number): void {
    this.bans.set(ip, { until: now + ms, count: (this.bans.get(ip)?.count ?? 0) + 1 });
  }

  reset(): void {
    this.used.clear();
    this.violations.clear();
    this.bans.clear();
  }

  private weightIn(key: string, window: number): number {
    const entry = this.used.get(key);
    return entry && entry.window === window ? entry.weight : 0;
  }

  private countViolation(ip: string, window: number): number {
    const entry = this.violations.get(ip);
    const count = entry && entry.window === window ? entry.count + 1 : 1;
    this.violations.set(ip, { window, count });
    return count;
  }
}
