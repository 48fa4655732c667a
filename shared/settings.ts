/**
 * The user's settings: one zod schema, which is also the one source of truth
 * for every default. Env overrides (REDIS_CACHE_TTL_*, REDIS_URL) are applied
 * on top by the engine, reading the defaults from here.
 */
import { z } from 'zod';
import { PriceAlertRuleSchema, RiskLimitsSchema, StrategyParamsSchema, tradingSettingsProblems } from './tradingSettings';

export type { PriceAlertRule } from './tradingSettings';

const seconds = (fallback: number) => z.number().int().min(1).max(7 * 86_400).default(fallback);

/** Cache lifetimes per data type, in seconds (the original bot's table). */
export const CacheTtlSchema = z
  .strictObject({
    ohlcv: seconds(86_400),
    ticker: seconds(30),
    deals: seconds(10),
    orderBook: seconds(5),
    balance: seconds(10),
  })
  .prefault({});
export type CacheTtl = z.output<typeof CacheTtlSchema>;
export type CacheDataType = keyof CacheTtl;
export const cacheDataTypes = Object.keys(CacheTtlSchema.parse(undefined)) as CacheDataType[];

/** The env variable that overrides each TTL, as the original bot names them. */
export const cacheTtlEnvNames: Record<CacheDataType, string> = {
  ohlcv: 'REDIS_CACHE_TTL_OHLCV',
  ticker: 'REDIS_CACHE_TTL_TICKER',
  deals: 'REDIS_CACHE_TTL_DEALS',
  orderBook: 'REDIS_CACHE_TTL_ORDERBOOK',
  balance: 'REDIS_CACHE_TTL_BALANCE',
};


export const themes = ['system', 'light', 'dark'] as const;

/** ioredis reads the URL with WHATWG URL: what it cannot parse is refused here, with a message that quotes none of it. */
function isUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** The paper wallet's starting balance (dry-run), in USDT. */
export const PaperSettingsSchema = z
  .strictObject({
    initialUsdt: z.number().min(1).max(10_000_000).default(1000),
  })
  .prefault({});

export const SettingsSchema = z.strictObject({
  cacheTtl: CacheTtlSchema,
  /**
   * redis://… for a shared cache; null keeps the in-memory cache. Saved and
   * shown without its password: one sent here moves to the keychain (issue 14).
   */
  redisUrl: z
    .string()
    .max(500)
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .refine(isUrl, 'is not a valid URL (check the host, port and any special characters in the password)')
    .nullable()
    .default(null),
  /** a password for redisUrl is kept in the OS keychain; false on input drops it */
  redisPasswordStored: z.boolean().default(false),
  strategy: StrategyParamsSchema,
  risk: RiskLimitsSchema,
  paper: PaperSettingsSchema,
  priceAlerts: z.array(PriceAlertRuleSchema).max(50).default([]),
  launchAtLogin: z.boolean().default(false),
  theme: z.enum(themes).default('system'),
});
export type Settings = z.output<typeof SettingsSchema>;

/** Rules across sections (e.g. MAX_POSITION_USDT ≥ BASE_ORDER_USDT), checked where both are visible. */
export function settingsProblems(settings: Settings): { path: string[]; message: string }[] {
  return tradingSettingsProblems(settings.strategy, settings.risk);
}

/** What setSettings accepts: every section present, no unknown keys (a stray {} must not reset anything). */
export const SettingsInputSchema = SettingsSchema.required();

export const defaultSettings = (): Settings => SettingsSchema.parse({});
