// The shared store behind dedupe, locks, token caches and short-lived chat state.
// Redis when REDIS_URL is set (several instances), an in-process map otherwise (one instance).
export type Store = {
  /** True for the first caller within ttl; the key is never released early. */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Adds 1 and returns the new count; the first increment starts the ttl. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** A lock held until release() or ttl; undefined when someone else holds it. */
  lock(key: string, ttlMs: number): Promise<{ release(): Promise<void> } | undefined>;
  ping(): Promise<void>;
  close(): Promise<void>;
};
