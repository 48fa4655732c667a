import type { Cache } from '../../main/core/cache/Cache';

/** Remembers nothing: every read goes upstream (the benchmark's "no cache" baseline). */
export class NullCache implements Cache {
  readonly status = 'memory' as const;
  async get<T>(): Promise<T | undefined> {
    return undefined;
  }
  async set(): Promise<void> {}
  async delete(): Promise<void> {}
  async close(): Promise<void> {}
}
