import { classifyError } from './classifyError';
import type { Sleep } from './WeightRateLimiter';

export interface RetryOptions {
  sleep: Sleep;
  random: () => number;
  /** attempts after the first */
  maxRetries?: number;
  baseMs?: number;
  capMs?: number;
  onRetry?(attempt: number, delayMs: number, error: unknown): void;
}

/**
 * Exponential backoff with full jitter (1 s, 2 s, 4 s … capped), transient
 * errors only, honouring Retry-After. For reads: an order is never retried.
 */
export async function retryWithBackoff<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  const maxRetries = options.maxRetries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const { kind, retryAfterMs } = classifyError(error);
      if (kind === 'permanent' || attempt >= maxRetries) throw error;
      const ceiling = Math.min(options.capMs ?? 30_000, (options.baseMs ?? 1_000) * 2 ** attempt);
      const delay = Math.max(retryAfterMs ?? 0, Math.floor(options.random() * ceiling));
      options.onRetry?.(attempt + 1, delay, error);
      await options.sleep(delay);
    }
  }
}
