import type { Clock } from '../clock';
import type { Cache } from './Cache';

/** The embedded default: a Map with expiries, bounded so a long session cannot grow it without end. */
export class MemoryCache implements Cache {
  readonly status = 'memory' as const;
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly maxEntries = 2_000,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value as T;
  }

  async set<T>(key: string, value: T, expiresAt: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
    // Oldest-inserted first out: a Map keeps insertion order.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
