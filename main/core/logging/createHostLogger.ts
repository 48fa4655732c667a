import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../clock';
import { createRotatingFileSink, LOG_FILE_NAME } from './createRotatingFileSink';
import { Logger, readLogLevel } from './Logger';

export interface HostLoggerOptions {
  /** LOG_LEVEL is read from here */
  env: NodeJS.ProcessEnv;
  /** the app's data folder: the log file lives in it */
  dataDir: string;
  clock?: Clock;
}

/**
 * The logger a host (the desktop app or the web host) gives the engine:
 * LOG_LEVEL honoured, every line also appended to a rotating file in the data
 * dir. Throws at start-up, before anything runs, on a bad LOG_LEVEL or a data
 * dir that cannot be a folder (issue 14, point 4).
 */
export function createHostLogger({ env, dataDir, clock = systemClock }: HostLoggerOptions): Logger {
  const logger = new Logger(clock, readLogLevel(env));
  mkdirSync(dataDir, { recursive: true });
  logger.addSink(createRotatingFileSink({ file: path.join(dataDir, LOG_FILE_NAME) }));
  return logger;
}
