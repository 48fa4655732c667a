/**
 * The settings form's pure parts: reading and writing a draft by path, and
 * turning the contract's zod issues into one message per field.
 */
import { SettingsSchema, settingsProblems, type Settings } from '../../../shared/settings';
import { PriceAlertRuleSchema } from '../../../shared/tradingSettings';

export type Path = readonly (string | number)[];

export const pathKey = (path: Path): string => path.join('.');

export function getAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** A copy of `value` with `path` set to `next`; untouched branches are shared. */
export function setAt<T>(value: T, path: Path, next: unknown): T {
  const [head, ...rest] = path;
  if (head === undefined) return next as T;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = setAt(copy[head as number], rest, next);
    return copy as T;
  }
  const record = (value ?? {}) as Record<string | number, unknown>;
  return { ...record, [head]: setAt(record[head], rest, next) } as T;
}

export interface Validation {
  valid: boolean;
  /** first message per field, keyed by pathKey */
  fieldErrors: Record<string, string>;
  /** messages not tied to a field shown on the form */
  formErrors: string[];
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * SettingsSchema.safeParse, except that a check which throws instead of
 * reporting (e.g. a refine reading a value an earlier check already refused)
 * becomes an issue on that field rather than taking the form down.
 */
function settingsIssues(draft: unknown): Issue[] {
  try {
    const parsed = SettingsSchema.safeParse(draft);
    return parsed.success ? settingsProblems(parsed.data) : parsed.error.issues;
  } catch {
    const thrown: Issue[] = [];
    const record = (draft ?? {}) as Record<string, unknown>;
    const rules = Array.isArray(record.priceAlerts) ? (record.priceAlerts as Record<string, unknown>[]) : [];
    const checkedRules = rules.map((rule, index) => {
      try {
        PriceAlertRuleSchema.safeParse(rule);
        return rule;
      } catch (error) {
        thrown.push({ path: ['priceAlerts', index, 'value'], message: messageOf(error) });
        return { ...rule, value: '1' }; // keeps the other rules' indices
      }
    });
    try {
      const parsed = SettingsSchema.safeParse({ ...record, priceAlerts: checkedRules });
      return [...thrown, ...(parsed.success ? [] : parsed.error.issues)];
    } catch (error) {
      return [...thrown, { path: [], message: `The settings could not be checked: ${messageOf(error)}` }];
    }
  }
}

/** Validate the whole draft with the contract's SettingsSchema and its cross-section rules, as the engine will. */
export function validateSettings(draft: unknown): Validation {
  const issues = settingsIssues(draft);
  if (issues.length === 0) return { valid: true, fieldErrors: {}, formErrors: [] };
  const fieldErrors: Record<string, string> = {};
  const formErrors: string[] = [];
  for (const issue of issues) {
    if (issue.path.length === 0) formErrors.push(issue.message);
    else fieldErrors[pathKey(issue.path as Path)] ??= issue.message;
  }
  return { valid: false, fieldErrors, formErrors };
}

/** "maxPositionUsdt" → "Max position USDT": labels for fields the form has not been told about. */
export function labelFromKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean);
  const known: Record<string, string> = { usdt: 'USDT', qrl: 'QRL', pct: '%', percent: '%', ms: '(ms)', url: 'URL', ttl: 'TTL', api: 'API', rsi: 'RSI', ema: 'EMA', sma: 'SMA' };
  return words
    .map((word, index) => {
      const lower = word.toLowerCase();
      if (known[lower]) return known[lower];
      return index === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
}

/** Did the draft change from what the engine last confirmed? */
export function isDirty(saved: Settings | null, draft: Settings | null): boolean {
  return saved !== null && draft !== null && JSON.stringify(saved) !== JSON.stringify(draft);
}

/** A number input's text as the draft holds it: empty or unreadable becomes NaN, which the schema rejects. */
export function parseNumberInput(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function newRuleId(now: number, existing: readonly { id: string }[]): string {
  let id = `rule-${now.toString(36)}`;
  for (let n = 2; existing.some((rule) => rule.id === id); n += 1) id = `rule-${now.toString(36)}-${n}`;
  return id;
}
