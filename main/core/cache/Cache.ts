/** A read cache: values with an absolute expiry. Writes (orders, cancels) never go through it. */
export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, expiresAt: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** 'memory', or for Redis whether it is reachable right now */
  readonly status: 'memory' | 'redis' | 'redis-down';
  close(): Promise<void>;
}
