/** The original bot's namespace (REDIS_NAMESPACE): keys read qrl:v1:{method}:{args} (/work/shared/qrl-bot.md, Settings). */
export const DEFAULT_REDIS_NAMESPACE = 'qrl';

/** The key schema's version: a change of value shapes bumps it, so old entries are never read as new ones. */
const KEY_VERSION = 'v1';

/**
 * The prefix of every key this app writes to Redis: `{REDIS_NAMESPACE}:v1:`.
 * Instances that share one Redis and one namespace share the cache, the
 * weight budget and the single-flight locks; another namespace keeps them
 * apart. A namespace that would break the key scheme is an error naming the
 * variable, not a silent default.
 */
export function redisKeyPrefix(env: NodeJS.ProcessEnv = {}): string {
  const raw = env.REDIS_NAMESPACE;
  if (raw === undefined || raw === '') return `${DEFAULT_REDIS_NAMESPACE}:${KEY_VERSION}:`;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(raw)) throw new Error(`REDIS_NAMESPACE must be 1 to 64 letters, digits, "_", "." or "-", got "${raw}".`);
  return `${raw}:${KEY_VERSION}:`;
}
