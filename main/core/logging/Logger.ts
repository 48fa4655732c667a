import type { LogEntry } from '../../../shared/contract';
import type { Clock } from '../clock';

export type LogLevel = LogEntry['level'];
const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogSink = (entry: LogEntry) => void;

/** The level when LOG_LEVEL is unset or empty: the one default for every host. */
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/** LOG_LEVEL, as the original bot names it (DEBUG, INFO, WARN/WARNING, ERROR); INFO by default. */
export function readLogLevel(env: NodeJS.ProcessEnv): LogLevel {
  if (env.LOG_LEVEL === undefined || env.LOG_LEVEL.trim() === '') return DEFAULT_LOG_LEVEL;
  const raw = env.LOG_LEVEL.trim().toLowerCase();
  if (raw === 'warning') return 'warn';
  if (raw in rank) return raw as LogLevel;
  throw new Error(`LOG_LEVEL must be one of DEBUG, INFO, WARN, ERROR; got "${env.LOG_LEVEL}".`);
}

/**
 * The engine's one logger. Every line passes the redactor before any sink
 * sees it, so a secret handed to `redact` can never reach a file, the page or
 * the console, whoever writes the message.
 */
export class Logger {
  private readonly secrets = new Set<string>();
  private readonly sinks = new Set<LogSink>();

  constructor(
    private readonly clock: Clock,
    private readonly level: LogLevel = DEFAULT_LOG_LEVEL,
  ) {}

  addSink(sink: LogSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /** Register a value that must never be printed (API key, secret, token). */
  redact(secret: string): void {
    if (secret.length >= 6) this.secrets.add(secret);
  }

  scrub(text: string): string {
    let clean = text;
    for (const secret of this.secrets) clean = clean.split(secret).join('[redacted]');
    // A password inside any URL (redis://:pw@host), however short: too short to register, never too short to leak.
    clean = clean.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)[^\s/]*@/gi, '$1[redacted]@');
    // ccxt puts signed query strings into some error messages.
    return clean.replace(/signature=[0-9a-fA-F]+/g, 'signature=[redacted]');
  }

  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  error(message: string): void {
    this.write('error', message);
  }

  private write(level: LogLevel, message: string): void {
    if (rank[level] < rank[this.level]) return;
    const entry: LogEntry = { time: this.clock.now(), level, message: this.scrub(message) };
    for (const sink of this.sinks) {
      try {
        sink(entry);
      } catch {
        // A broken sink (full disk, closed page) must not take logging, or the engine, down.
      }
    }
  }
}
