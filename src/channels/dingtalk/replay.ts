// DingTalk's robot signature covers only the timestamp and our secret, not the body (PROTOCOLS §4a), so
// one captured request could be posted again with any body for as long as its timestamp is accepted.
// A (timestamp, sign) pair is therefore accepted once: again only for the same message id, which is
// DingTalk retrying that message. The pairs are kept in the shared store for the signature window;
// while the store cannot be reached, each instance remembers the pairs it has seen itself.
import { AppError } from "../../errors.js";
import type { Logger } from "../../infra/logger.js";
import { createMemoryStore } from "../../infra/memory-store.js";
import type { Store } from "../../infra/store.js";

export type ReplayGuard = (timestamp: string, msgId: string) => Promise<void>;

export function createReplayGuard(store: Store, windowMs: number, log: Logger): ReplayGuard {
  const local = createMemoryStore();
  // Kept twice the window: a timestamp is accepted up to the window either side of our clock.
  const ttl = 2 * windowMs;

  async function firstUse(s: Store, timestamp: string, msgId: string): Promise<boolean> {
    const key = `dingtalk:sign:${timestamp}`;
    if (await s.claimOnce(key, ttl)) {
      await s.set(`${key}:msg`, msgId, ttl);
      return true;
    }
    return (await s.get(`${key}:msg`)) === msgId;
  }

  return async (timestamp, msgId) => {
    let accepted: boolean;
    try {
      accepted = await firstUse(store, timestamp, msgId);
    } catch (error) {
      log.warn({ err: (error as Error).message }, "store unreachable: DingTalk signatures checked against this instance's memory only");
      accepted = await firstUse(local, timestamp, msgId);
    }
    if (!accepted) throw new AppError("bad_signature", "signature already used for another message (replay)");
  };
}
