import { appendFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import type { LogEntry } from '../../../shared/contract';
import type { LogSink } from './Logger';

/** The log file's name in the data dir, for the desktop app and the web host alike. */
export const LOG_FILE_NAME = 'qrl-tray-bot.log';
/** Past this size the file is rotated: a year of INFO lines fits, a runaway loop cannot fill the disk. */
export const LOG_FILE_MAX_BYTES = 1024 * 1024;
/** Rotated files kept beside the live one (qrl-tray-bot.log.1 … .3); older ones are deleted. */
export const LOG_FILES_KEPT = 3;

export interface RotatingFileSinkOptions {
  file: string;
  maxBytes?: number;
  /** how many rotated files to keep (file.1 newest … file.N oldest) */
  keep?: number;
}

/**
 * A log sink that appends one line per entry to a file and rotates it by size.
 * Writes are synchronous so the last lines before a crash are on disk. It only
 * ever sees entries the Logger has already scrubbed of secrets.
 */
export function createRotatingFileSink({ file, maxBytes = LOG_FILE_MAX_BYTES, keep = LOG_FILES_KEPT }: RotatingFileSinkOptions): LogSink {
  let size: number | null = null;
  return (entry) => {
    const line = formatLogLine(entry);
    const bytes = Buffer.byteLength(line);
    size ??= sizeOf(file);
    if (size > 0 && size + bytes > maxBytes) {
      rotate(file, keep);
      size = 0;
    }
    // 0o600: the log is the user's own business, whatever it holds.
    appendFileSync(file, line, { mode: 0o600 });
    size += bytes;
  };
}

/** `2026-11-25T09:00:00.000Z INFO  message`, continuation lines indented so each entry stays one block. */
export function formatLogLine(entry: LogEntry): string {
  const message = entry.message.replace(/\r?\n/g, '\n    ');
  return `${new Date(entry.time).toISOString()} ${entry.level.toUpperCase().padEnd(5)} ${message}\n`;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** file.(N-1) → file.N, …, file → file.1; the oldest is overwritten, so at most `keep` remain. */
function rotate(file: string, keep: number): void {
  if (keep <= 0) {
    rmSync(file, { force: true });
    return;
  }
  for (let index = keep - 1; index >= 1; index--) {
    if (existsSync(`${file}.${index}`)) renameSync(`${file}.${index}`, `${file}.${index + 1}`);
  }
  renameSync(file, `${file}.1`);
}
