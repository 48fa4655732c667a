import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from './Logger';

/**
 * Last words, scrubbed: an uncaught error is written to the log and to
 * crash.log in the data folder through the logger's redactor, so a crash
 * report never carries a key or secret. The process keeps running for
 * rejected promises (the engine's loops recover), and exits for a thrown error
 * (state may be broken; the journal makes the restart safe), unless the host
 * asks to keep running: the web host logs it and keeps the engine up, since a
 * bad request from any local process must not stop the bot (issue 14, point 3).
 */
export function installCrashReporter(
  proc: NodeJS.Process,
  logger: Logger,
  dataDir: string,
  { exitOnUncaughtException = true }: { exitOnUncaughtException?: boolean } = {},
): () => void {
  const crashLog = path.join(dataDir, 'crash.log');
  const report = (kind: string, error: unknown) => {
    const text = logger.scrub(error instanceof Error ? (error.stack ?? error.message) : String(error));
    logger.error(`${kind}: ${text}`);
    try {
      mkdirSync(dataDir, { recursive: true });
      appendFileSync(crashLog, `${new Date().toISOString()} ${kind}\n${text}\n\n`);
    } catch {
      // nowhere left to write: the log line above is all we can do
    }
  };
  const onRejection = (reason: unknown) => report('unhandled rejection', reason);
  const onException = (error: unknown) => {
    report('uncaught exception', error);
    if (!exitOnUncaughtException) return;
    proc.exitCode = 1;
    proc.exit(1);
  };
  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  return () => {
    proc.off('unhandledRejection', onRejection);
    proc.off('uncaughtException', onException);
  };
}
