import { CacheTtlSchema, cacheDataTypes, cacheTtlEnvNames, type CacheTtl } from '../../../shared/settings';

/**
 * TTLs per data type: the settings' values (whose defaults are the original
 * bot's table), overridden by REDIS_CACHE_TTL_* when set. A bad env value is
 * an error that names the variable, not a silent default.
 */
export function resolveCacheTtls(env: NodeJS.ProcessEnv, settings: CacheTtl = CacheTtlSchema.parse(undefined)): CacheTtl {
  const resolved = { ...settings };
  for (const type of cacheDataTypes) {
    const name = cacheTtlEnvNames[type];
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const seconds = Number(raw);
    const check = CacheTtlSchema.unwrap().shape[type].safeParse(seconds);
    if (!check.success) throw new Error(`${name} must be a whole number of seconds (${check.error.issues[0]?.message ?? 'out of range'}), got "${raw}".`);
    resolved[type] = check.data;
  }
  return resolved;
}

/**
 * exchangeInfo (markets: precision, limits, status) is read once at start and
 * again after this long, in the background while the loaded markets keep
 * serving. It changes rarely (a listing, a precision change) and costs weight
 * 10: daily is the original bot's OHLCV TTL and fresh enough.
 */
export const EXCHANGE_INFO_TTL_S = 86_400;
