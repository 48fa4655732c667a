import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installCrashReporter } from './installCrashReporter';
import { Logger } from './Logger';

describe('installCrashReporter', () => {
  function setup(options?: { exitOnUncaughtException?: boolean }) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'qtb-crash-'));
    const proc = Object.assign(new EventEmitter(), { exitCode: 0 as number | undefined, exited: false, exit() { this.exited = true; } });
    const logger = new Logger({ now: () => 0 });
    const lines: string[] = [];
    logger.addSink((entry) => lines.push(entry.message));
    logger.redact('mx0vTHEWHOLEKEY99');
    installCrashReporter(proc as unknown as NodeJS.Process, logger, dataDir, options);
    return { proc, lines, crashLog: () => readFileSync(path.join(dataDir, 'crash.log'), 'utf8') };
  }

  it('writes an uncaught error to the log and crash.log with secrets scrubbed, then exits', () => {
    const { proc, lines, crashLog } = setup();
    proc.emit('uncaughtException', new Error('boom while signing for mx0vTHEWHOLEKEY99'));
    expect(proc.exited).toBe(true);
    expect(lines[0]).toContain('uncaught exception: Error: boom while signing for [redacted]');
    expect(crashLog()).toContain('[redacted]');
    expect(crashLog()).not.toContain('mx0vTHEWHOLEKEY99');
  });

  it('reports a rejected promise and keeps running', () => {
    const { proc, lines } = setup();
    proc.emit('unhandledRejection', 'plain reason mx0vTHEWHOLEKEY99');
    expect(proc.exited).toBe(false);
    expect(lines[0]).toBe('unhandled rejection: plain reason [redacted]');
  });

  it('keeps a host that asks for it running after an uncaught error, and still reports it', () => {
    const { proc, lines, crashLog } = setup({ exitOnUncaughtException: false });
    proc.emit('uncaughtException', new Error('bad request mx0vTHEWHOLEKEY99'));
    expect(proc.exited).toBe(false);
    expect(proc.exitCode).toBe(0);
    expect(lines[0]).toContain('uncaught exception: Error: bad request [redacted]');
    expect(crashLog()).toContain('bad request [redacted]');
  });
});
