import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/contract';
import { Logger, readLogLevel } from './Logger';

describe('Logger', () => {
  const make = (level: 'debug' | 'info' = 'info') => {
    const logger = new Logger({ now: () => 42 }, level);
    const lines: LogEntry[] = [];
    logger.addSink((entry) => lines.push(entry));
    return { logger, lines };
  };

  it('never lets a registered secret through, wherever it sits in a message', () => {
    const { logger, lines } = make();
    logger.redact('mx0vSECRETKEY123');
    logger.redact('abcdef0123456789secret');
    logger.error('auth failed for mx0vSECRETKEY123 using abcdef0123456789secret (mx0vSECRETKEY123)');
    expect(lines).toEqual([{ time: 42, level: 'error', message: 'auth failed for [redacted] using [redacted] ([redacted])' }]);
  });

  it('strips request signatures that ccxt puts in error messages', () => {
    const { logger, lines } = make();
    logger.warn('GET /api/v3/account?timestamp=1&signature=fd3e4e8543c5188531eb7279d68ae7d2 failed');
    expect(lines[0]!.message).toBe('GET /api/v3/account?timestamp=1&signature=[redacted] failed');
  });

  it('drops lines below its level', () => {
    const { logger, lines } = make('info');
    logger.debug('noise');
    logger.info('signal');
    expect(lines.map((l) => l.message)).toEqual(['signal']);
  });

  it('keeps logging when one sink throws', () => {
    const { logger, lines } = make();
    logger.addSink(() => {
      throw new Error('disk full');
    });
    logger.info('still here');
    expect(lines).toHaveLength(1);
  });

  it.each([
    [{}, 'info'],
    [{ LOG_LEVEL: '' }, 'info'],
    [{ LOG_LEVEL: 'DEBUG' }, 'debug'],
    [{ LOG_LEVEL: 'WARNING' }, 'warn'],
  ])('reads LOG_LEVEL %j as %s', (env, level) => {
    expect(readLogLevel(env)).toBe(level);
  });

  it('refuses an unknown LOG_LEVEL with the accepted values', () => {
    expect(() => readLogLevel({ LOG_LEVEL: 'LOUD' })).toThrow('DEBUG, INFO, WARN, ERROR');
  });
});
