// The Store contract, run against the configured backend: the in-process store under `npm test`,
// Redis when REDIS_URL is set (.ci/run runs both).
import { afterAll, describe, expect, it } from "vitest";
import { backendName, openTestStore, uniqueName } from "../helpers/backends.js";
import { waitFor } from "../helpers/wait.js";

const store = openTestStore();
afterAll(() => store.close());
// A key is gone once its ttl has passed: waited for by reading it, which changes nothing.
const expired = (key: string) => waitFor(async () => (await store.get(key)) === undefined);

describe(`store (${backendName})`, () => {
  it("claims a key once until it expires", async () => {
    const key = uniqueName("claim");
    expect(await store.claimOnce(key, 150)).toBe(true);
    expect(await store.claimOnce(key, 150)).toBe(false);
    expect(await expired(key)).toBe(true);
    expect(await store.claimOnce(key, 150)).toBe(true);
  });

  it("lets exactly one of many concurrent claimers win", async () => {
    const key = uniqueName("race");
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claimOnce(key, 5000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("gets, sets with a ttl and deletes", async () => {
    const key = uniqueName("kv");
    expect(await store.get(key)).toBeUndefined();
    await store.set(key, "值", 150);
    expect(await store.get(key)).toBe("值");
    expect(await expired(key)).toBe(true);
    await store.set(key, "again", 5000);
    await store.del(key);
    expect(await store.get(key)).toBeUndefined();
  });

  it("counts increments within a window", async () => {
    const key = uniqueName("count");
    expect(await store.increment(key, 150)).toBe(1);
    expect(await store.increment(key, 150)).toBe(2);
    expect(await expired(key)).toBe(true);
    expect(await store.increment(key, 150)).toBe(1);
  });

  it("holds a lock against others until released, and only the holder releases it", async () => {
    const key = uniqueName("lock");
    const first = await store.lock(key, 5000);
    expect(first).toBeDefined();
    expect(await store.lock(key, 5000)).toBeUndefined();
    await first!.release();
    const second = await store.lock(key, 5000);
    expect(second).toBeDefined();
    await first!.release(); // a stale holder must not free the new holder's lock
    expect(await store.lock(key, 5000)).toBeUndefined();
  });

  it("frees a lock whose holder vanished once its ttl passes", async () => {
    const key = uniqueName("ttl");
    expect(await store.lock(key, 150)).toBeDefined();
    expect(await store.lock(key, 150)).toBeUndefined();
    expect(await expired(key)).toBe(true);
    expect(await store.lock(key, 150)).toBeDefined();
  });

  it("answers ping", async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});
