/**
 * The user's settings: one zod schema, which is also the one source of truth
 * for every default. Env overrides (REDIS_CACHE_TTL_*, REDIS_URL) are applied
 * on top by the engine, reading the defaults from here.
 */
import { z } from 'zod';

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

/** A price rule the user sets: above/below a price, or a 24 h move of at least N %. */
export const PriceAlertRuleSchema = z.strictObject({
  id: z.string().min(1).max(40),
  type: z.enum(['above', 'below', 'move24h']),
  /** a price in USDT for above/below, a percentage for move24h */
  value: z
    .string()
    .regex(/^\d{1,9}(\.\d{1,8})?$/, 'must be a positive decimal number')
    .refine((value) => Number(value) > 0, 'must be above 0'),
  enabled: z.boolean().default(true),
});
export type PriceAlertRule = z.output<typeof PriceAlertRuleSchema>;

export const themes = ['system', 'light', 'dark'] as const;

export const SettingsSchema = z.strictObject({
  cacheTtl: CacheTtlSchema,
  /** redis://… for a shared cache; null keeps the in-memory cache */
  redisUrl: z
    .string()
    .max(500)
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .nullable()
    .default(null),
  priceAlerts: z.array(PriceAlertRuleSchema).max(50).default([]),
  launchAtLogin: z.boolean().default(false),
  theme: z.enum(themes).default('system'),
});
export type Settings = z.output<typeof SettingsSchema>;

/** What setSettings accepts: every section present, no unknown keys (a stray {} must not reset anything). */
export const SettingsInputSchema = SettingsSchema.required();

export const defaultSettings = (): Settings => SettingsSchema.parse({});
