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

/** The catalogue, with what each fault does: `npm run sim -- --help` and the admin endpoint list it. */
export const FAULT_CATALOGUE: Record<FaultKind, string> = {
  latency: 'adds `ms` of delay before answering',
  timeout: 'never answers',
  reset: 'drops the connection',
  '5xx-before': '502 with an empty body; nothing happens',
  '5xx-after-accept': 'the request takes effect (an order is placed), the answer is 504',
  'malformed-json': 'a 200 whose body is cut short',
  '429-storm': '429 Too Many Requests with Retry-After: 2',
  maintenance: "503 with MEXC's maintenance message",
  'clock-skew': 'the server clock runs `ms` off (timestamps outside recvWindow)',
  ban: '418 from now for `ms` (default 120 s)',
};

const FAULT_KINDS = Object.keys(FAULT_CATALOGUE) as FaultKind[];

/** A fault rule from the command line or the admin endpoint that does not make sense. */
export class FaultRuleError extends Error {
  override readonly name = 'FaultRuleError';
}

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

  /** The rules still waiting for requests (times left), and the clock skew. */
  list(): { rules: FaultRule[]; skewMs: number } {
    return { rules: this.rules.map((rule) => ({ ...rule })), skewMs: this.skewMs };
  }

  clear(): void {
    this.rules = [];
    this.skewMs = 0;
  }

  /** A maintenance standing for the whole exchange (no path): the WebSocket is down too. Consumes nothing. */
  underMaintenance(): boolean {
    return this.rules.some((rule) => rule.kind === 'maintenance' && !rule.path);
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

/**
 * A rule from outside (JSON from the admin endpoint, or a parsed flag). Without
 * `times` it stands until cleared: a rehearsed outage lasts until you end it.
 */
export function parseFaultRule(value: unknown): FaultRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FaultRuleError('a fault is an object: {"kind": "maintenance", "path"?, "method"?, "times"?, "ms"?}');
  const { kind, path, method, times, ms, ...rest } = value as Record<string, unknown>;
  const unknownFields = Object.keys(rest);
  if (unknownFields.length) throw new FaultRuleError(`unknown fault field ${unknownFields.join(', ')}: use kind, path, method, times, ms`);
  if (typeof kind !== 'string' || !FAULT_KINDS.includes(kind as FaultKind)) throw new FaultRuleError(`unknown fault kind ${JSON.stringify(kind)}: one of ${FAULT_KINDS.join(', ')}`);
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) throw new FaultRuleError('path is a request path such as /api/v3/order');
  if (method !== undefined && (typeof method !== 'string' || !/^(GET|POST|PUT|DELETE)$/.test(method))) throw new FaultRuleError('method is GET, POST, PUT or DELETE');
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1)) throw new FaultRuleError('times is a whole number of requests, at least 1');
  if (ms !== undefined && (typeof ms !== 'number' || !Number.isFinite(ms) || (kind !== 'clock-skew' && ms < 0))) throw new FaultRuleError('ms is a number of milliseconds');
  const rule: FaultRule = { kind: kind as FaultKind, times: (times as number | undefined) ?? Infinity };
  if (path !== undefined) rule.path = path as string;
  if (method !== undefined) rule.method = method as string;
  if (ms !== undefined) rule.ms = ms as number;
  return rule;
}

/** `--fault kind[,path=/api/v3/order][,method=POST][,times=3][,ms=2000]` from the command line. */
export function parseFaultFlag(text: string): FaultRule {
  const [kind, ...pairs] = text.split(',');
  const rule: Record<string, unknown> = { kind };
  for (const pair of pairs) {
    const [name, raw] = pair.split('=', 2);
    if (!name || raw === undefined) throw new FaultRuleError(`--fault ${text}: write name=value after the kind, e.g. maintenance,path=/api/v3/order`);
    rule[name] = name === 'times' || name === 'ms' ? Number(raw) : raw;
  }
  return parseFaultRule(rule);
}
