import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHostLogger } from './createHostLogger';
import { LOG_FILE_NAME } from './createRotatingFileSink';

const freshDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'qtb-hostlog-')), 'data');

describe('createHostLogger', () => {
  it('creates the data dir and writes every line at or above INFO to the log file by default', () => {
    const dataDir = freshDir();
    const logger = createHostLogger({ env: {}, dataDir, clock: { now: () => 0 } });
    logger.debug('too chatty');
    logger.info('started');
    const text = readFileSync(path.join(dataDir, LOG_FILE_NAME), 'utf8');
    expect(text).toContain('INFO  started');
    expect(text).not.toContain('too chatty');
  });

  it.each([
    ['DEBUG', ['debug line', 'info line', 'warn line']],
    ['WARN', ['warn line']],
    ['ERROR', []],
  ])('honours LOG_LEVEL=%s', (level, expected) => {
    const dataDir = freshDir();
    const logger = createHostLogger({ env: { LOG_LEVEL: level }, dataDir });
    logger.debug('debug line');
    logger.info('info line');
    logger.warn('warn line');
    let text = '';
    try {
      text = readFileSync(path.join(dataDir, LOG_FILE_NAME), 'utf8');
    } catch {
      // nothing at this level: no file yet
    }
    expect(['debug line', 'info line', 'warn line'].filter((line) => text.includes(line))).toEqual(expected);
  });

  it('scrubs a registered secret before it reaches the file', () => {
    const dataDir = freshDir();
    const logger = createHostLogger({ env: {}, dataDir });
    logger.redact('mx0vFILESECRET42');
    logger.error('signing with mx0vFILESECRET42 failed');
    expect(readFileSync(path.join(dataDir, LOG_FILE_NAME), 'utf8')).toContain('signing with [redacted] failed');
  });

  it('refuses a data dir that is a file, before anything runs', () => {
    const file = freshDir();
    writeFileSync(file, 'not a folder');
    expect(() => createHostLogger({ env: {}, dataDir: file })).toThrow(expect.objectContaining({ code: 'EEXIST' }));
  });
});
