// The Redis Store: SET NX PX for claims and locks, a compare-and-delete script to release a lock.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Store } from "./store.js";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const INCREMENT = `local n = redis.call("incr", KEYS[1]) if n == 1 then redis.call("pexpire", KEYS[1], ARGV[1]) end return n`;

export function createRedisStore(url: string, prefix = "duikou:"): Store {
  const redis = new Redis(url, { keyPrefix: prefix, maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2000 });
  redis.on("error", () => undefined); // readiness reports it; ioredis reconnects by itself
  return {
    claimOnce: async (key, ttlMs) => (await redis.set(key, "1", "PX", ttlMs, "NX")) === "OK",
    get: async (key) => (await redis.get(key)) ?? undefined,
    set: async (key, value, ttlMs) => void (await redis.set(key, value, "PX", ttlMs)),
    del: async (key) => void (await redis.del(key)),
    increment: async (key, ttlMs) => Number(await redis.eval(INCREMENT, 1, key, ttlMs)),
    async lock(key, ttlMs) {
      const token = randomUUID();
      if ((await redis.set(key, token, "PX", ttlMs, "NX")) !== "OK") return undefined;
      return { release: async () => void (await redis.eval(RELEASE, 1, key, token)) };
    },
    ping: async () => void (await redis.ping()),
    close: async () => void redis.disconnect(),
  };
}
