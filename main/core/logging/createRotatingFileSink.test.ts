import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRotatingFileSink, formatLogLine } from './createRotatingFileSink';
import { Logger } from './Logger';

function setup(options: { maxBytes: number; keep: number }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'qtb-logfile-'));
  const file = path.join(dir, 'test.log');
  const logger = new Logger({ now: () => Date.UTC(2026, 10, 25, 9) });
  logger.addSink(createRotatingFileSink({ file, ...options }));
  return { dir, file, logger };
}

describe('createRotatingFileSink', () => {
  it('appends one timestamped line per entry, with its level', () => {
    const { file, logger } = setup({ maxBytes: 10_000, keep: 2 });
    logger.info('first');
    logger.error('second\nwith a stack line');
    expect(readFileSync(file, 'utf8')).toBe(
      '2026-11-25T09:00:00.000Z INFO  first\n2026-11-25T09:00:00.000Z ERROR second\n    with a stack line\n',
    );
  });

  it('rotates past the size cap and keeps only N old files, none above the cap', () => {
    const { dir, file, logger } = setup({ maxBytes: 200, keep: 2 });
    const lineBytes = formatLogLine({ time: 0, level: 'info', message: 'line 00' }).length;
    for (let index = 0; index < 40; index++) logger.info(`line ${String(index).padStart(2, '0')}`);
    expect(readdirSync(dir).sort()).toEqual(['test.log', 'test.log.1', 'test.log.2']);
    for (const name of readdirSync(dir)) expect(statSync(path.join(dir, name)).size).toBeLessThanOrEqual(200);
    // Newest in the live file, the one before it in .1: nothing lost between them.
    const perFile = Math.floor(200 / lineBytes);
    const live = readFileSync(file, 'utf8').trim().split('\n');
    const previous = readFileSync(`${file}.1`, 'utf8').trim().split('\n');
    expect(live.at(-1)).toContain('line 39');
    expect(previous).toHaveLength(perFile);
    expect(previous.at(-1)).toContain(`line ${String(39 - live.length).padStart(2, '0')}`);
  });

  it('picks up the size of a file an earlier run left behind', () => {
    const { file, logger } = setup({ maxBytes: 120, keep: 1 });
    logger.info('from the first run, long enough to fill most of the cap......');
    const again = new Logger({ now: () => 0 });
    again.addSink(createRotatingFileSink({ file, maxBytes: 120, keep: 1 }));
    again.info('from the second run, long enough to need a rotation.........');
    expect(readFileSync(`${file}.1`, 'utf8')).toContain('first run');
    expect(readFileSync(file, 'utf8')).not.toContain('first run');
  });
});
