// The in-process Store: right for one instance (the embedded default), wrong for several.
import { randomUUID } from "node:crypto";
import type { Store } from "./store.js";

type Entry = { value: string; expiresAt: number };

export function createMemoryStore(now: () => number = Date.now): Store {
  const entries = new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) entries.delete(key);
    return entries.get(key);
  };
  const put = (key: string, value: string, ttlMs: number) => void entries.set(key, { value, expiresAt: now() + ttlMs });
  const store: Store = {
    async claimOnce(key, ttlMs) {
      if (live(key)) return false;
      put(key, "1", ttlMs);
      return true;
    },
    get: async (key) => live(key)?.value,
    set: async (key, value, ttlMs) => put(key, value, ttlMs),
    del: async (key) => void entries.delete(key),
    async increment(key, ttlMs) {
      const entry = live(key);
      if (!entry) return put(key, "1", ttlMs), 1;
      entry.value = String(Number(entry.value) + 1);
      return Number(entry.value);
    },
    async lock(key, ttlMs) {
      const token = randomUUID();
      if (live(key)) return undefined;
      put(key, token, ttlMs);
      return { release: async () => void (live(key)?.value === token && entries.delete(key)) };
    },
    ping: async () => undefined,
    close: async () => entries.clear(),
  };
  return store;
}
