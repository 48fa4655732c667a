import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/contract';
import { defaultSettings } from '../../../shared/settings';
import { MemorySecretEntry } from '../../../test/support/MemorySecretEntry';
import { MemorySecretStore } from '../../../test/support/MemorySecretStore';
import { Logger } from '../logging/Logger';
import { ApiKeys } from '../secrets/ApiKeys';
import { ExchangeSession } from './ExchangeSession';

/** Nothing listens here: Redis is never reached, which these cases do not need. */
const NO_REDIS = '127.0.0.1:1';

function sessionWith(env: NodeJS.ProcessEnv, redisPassword = new MemorySecretEntry()) {
  const clock = { now: () => 1_700_000_000_000 };
  const logger = new Logger(clock);
  const logs: LogEntry[] = [];
  logger.addSink((entry) => logs.push(entry));
  const session = new ExchangeSession({ apiKeys: new ApiKeys(new MemorySecretStore()), redisPassword, clock, logger, env, streamUrl: null });
  return { session, logs, logger };
}

describe('ExchangeSession and the Redis password', () => {
  it('serves from memory, saying why without quoting it, when REDIS_URL cannot be parsed', async () => {
    const { session, logs } = sessionWith({ REDIS_URL: 'redis://:pw-SECRET-1@host:notaport' });
    await session.rebuild(defaultSettings());
    expect(session.client.health().cache).toBe('memory');
    expect(logs.map((entry) => entry.message)).toEqual([expect.stringContaining('REDIS_URL is not a valid URL')]);
    expect(JSON.stringify(logs)).not.toContain('pw-SECRET-1');
    await session.close();
  });

  it('serves from memory, saying why, when the keychain holding the password cannot be read', async () => {
    const keychain = Object.assign(new MemorySecretEntry(), { unavailable: true });
    const { session, logs } = sessionWith({}, keychain);
    await session.rebuild({ ...defaultSettings(), redisUrl: `redis://${NO_REDIS}`, redisPasswordStored: true });
    expect(session.client.health().cache).toBe('memory');
    expect(logs.map((entry) => entry.message)).toEqual([expect.stringMatching(/^Redis is not used: The OS keychain is not available/)]);
    await session.close();
  });

  it('connects with the URL from the settings plus the keychain password, and redacts that password from the log', async () => {
    const keychain = Object.assign(new MemorySecretEntry(), { value: 'kc-SECRET-22' });
    const { session, logs, logger } = sessionWith({}, keychain);
    await session.rebuild({ ...defaultSettings(), redisUrl: `redis://${NO_REDIS}`, redisPasswordStored: true });
    expect(session.client.health().cache).toBe('redis-down');
    // Nothing listens there: ioredis's refusal is logged once, scrubbed.
    await expect.poll(() => logs.map((entry) => entry.message)).toEqual([expect.stringMatching(/^Redis is unavailable \(connect ECONNREFUSED/)]);
    logger.warn('someone quoted kc-SECRET-22');
    await session.close();
    expect(logs.at(-1)?.message).toBe('someone quoted [redacted]');
    expect(JSON.stringify(logs)).not.toContain('kc-SECRET-22');
  });
});
