// What both platforms' API clients do when the platform says to stop for a while (WeCom's 45009 block,
// DingTalk's flow control): a moment in the shared store until which every instance holds its calls.
import type { Store } from "../infra/store.js";

type HoldOptions = { store: Store; key: string; now: () => number; sleep: (ms: number) => Promise<void>; slackMs?: number };

export function sharedHold(o: HoldOptions) {
  return {
    /** Waits until the hold has passed (and `slackMs` more), or returns at once when there is none. */
    async waitOut(): Promise<void> {
      const until = Number((await o.store.get(o.key)) ?? 0);
      if (until > o.now()) await o.sleep(until - o.now() + (o.slackMs ?? 0));
    },
    /** Holds every instance's calls for `ms` from now. */
    hold: (ms: number) => o.store.set(o.key, String(o.now() + ms), ms),
  };
}
