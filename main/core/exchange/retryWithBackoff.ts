import { classifyError } from './classifyError';

export type Sleep = (ms: number) => Promise<void>;

export interface RetryOptions {
  sleep: Sleep;
  /** [0, 1): Math.random in production, a fixed value in tests */
  random: () => number;
  /** attempts after the first */
  maxRetries?: number;
  baseMs?: number;
  capMs?: number;
  /** called before each retry's wait (e.g. to resync the clock after a timestamp error) */
  onRetry?(attempt: number, delayMs: number, error: unknown): void | Promise<void>;
}

export const RETRY_DEFAULTS = { maxRetries: 3, baseMs: 1_000, capMs: 30_000 } as const;

/**
 * Exponential backoff with full jitter: the n-th retry waits a random time in
 * [0, min(cap, base × 2^(n-1))), so 1 s, 2 s, 4 s … ceilings (the original
 * bot waited a flat 1 s and 2 s: its defect 4), and never less than MEXC's
 * Retry-After; a Retry-After longer than the cap ends the retries. Transient errors only; for reads, never for placing an order.
 */
export async function retryWithBackoff<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  const maxRetries = options.maxRetries ?? RETRY_DEFAULTS.maxRetries;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const { kind, retryAfterMs } = classifyError(error);
      const capMs = options.capMs ?? RETRY_DEFAULTS.capMs;
      // A Retry-After beyond the cap (a ban) is honoured by not waiting for it here: the caller gets the error now.
      if (kind !== 'transient' || attempt >= maxRetries || (retryAfterMs ?? 0) > capMs) throw error;
      const ceiling = Math.min(capMs, (options.baseMs ?? RETRY_DEFAULTS.baseMs) * 2 ** attempt);
      const delay = Math.max(retryAfterMs ?? 0, Math.floor(options.random() * ceiling));
      await options.onRetry?.(attempt + 1, delay, error);
      await options.sleep(delay);
    }
  }
}
