export type FaultKind =
  | 'latency'
  | 'timeout'
  | 'reset'
  | '5xx-before'
  | '5xx-after-accept'
  | 'malformed-json'
  | '429-storm'
  | 'maintenance'
  | 'clock-skew'
  | 'ban';

export interface FaultRule {
  kind: FaultKind;
  /** only requests to this path (e.g. '/api/v3/order'); all when absent */
  path?: string;
  method?: string;
  /** how many matching requests it hits; Infinity for "until cleared" */
  times?: number;
  /** latency: added delay; clock-skew: server clock offset; ban: its length */
  ms?: number;
}

interface ActiveFault extends Required<Omit<FaultRule, 'path' | 'method'>> {
  path?: string;
  method?: string;
}

/**
 * Faults the tests switch on: each rule hits the next `times` matching
 * requests. Clock skew is a standing offset rather than a per-request rule.
 */
export class Faults {
  private rules: ActiveFault[] = [];
  /** how far the server's clock is off, for /time and the timestamp window */
  skewMs = 0;
  readonly injected = new Map<FaultKind, number>();

  inject(rule: FaultRule): void {
    if (rule.kind === 'clock-skew') {
      this.skewMs = rule.ms ?? 0;
      this.count('clock-skew');
      return;
    }
    this.rules.push({ times: 1, ms: 0, ...rule } as ActiveFault);
  }

  clear(): void {
    this.rules = [];
    this.skewMs = 0;
  }

  /** The fault this request meets, if any (consumes one use of it). */
  take(method: string, path: string): ActiveFault | null {
    const rule = this.rules.find((r) => (!r.path || r.path === path) && (!r.method || r.method === method));
    if (!rule) return null;
    rule.times -= 1;
    if (rule.times <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
    this.count(rule.kind);
    return rule;
  }

  private count(kind: FaultKind) {
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
  }
}
