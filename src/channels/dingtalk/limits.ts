// DingTalk's limits, shared by every instance through the store: 20 calls a second per app and API
// (PROTOCOLS §4b), a robot held for ten minutes when DingTalk flow-controls its users, and the
// organisation's monthly quota (Forbidden.AccessDenied.ApiCountLimitForOrg), after which nothing is
// sent until the month turns and the admins hear it once.
import type { Logger } from "../../infra/logger.js";
import type { Store } from "../../infra/store.js";
import { startOfNextMonth } from "../../infra/time.js";
import { PlatformError } from "../http-core.js";
import { sharedHold } from "../shared-hold.js";

/** Calls a second per app and API: the documented QPS limit of the robot and card APIs. */
export const PER_API_PER_SECOND = 20;
export const THROTTLED_BLOCK_MS = 10 * 60_000;

type LimitOptions = { store: Store; log: Logger; appKey: string; robotCode: string; now: () => number; sleep: (ms: number) => Promise<void> };

export function createDingtalkLimits(o: LimitOptions) {
  const { now, sleep } = o;
  const blockKey = `dingtalk:blocked:${o.robotCode}`;
  const quotaKey = `dingtalk:quota:${o.appKey}`;

  /** Refuses at once, without a call, while the organisation's monthly quota is spent. */
  async function checkQuota(path: string): Promise<void> {
    const until = Number((await o.store.get(quotaKey)) ?? 0);
    if (until > now()) throw new PlatformError(`dingtalk ${path}`, { kind: "refused", status: 403, code: "Forbidden.AccessDenied.ApiCountLimitForOrg", message: "monthly quota spent", retryable: false });
  }

  async function quotaSpent(path: string): Promise<void> {
    // The quota is monthly: it resets when the month turns, in China's time.
    const until = startOfNextMonth(new Date(now()), "Asia/Shanghai").getTime();
    await o.store.set(quotaKey, String(until), until - now());
    if (await o.store.claimOnce(`${quotaKey}:told:${until}`, until - now())) {
      o.log.error({ api: path, until: new Date(until).toISOString(), admin: true }, "DingTalk monthly API quota of this organisation is spent: nothing is sent through DingTalk until it resets");
    }
  }

  /** Waits for a free slot in this API's second. */
  async function pace(path: string): Promise<void> {
    for (;;) {
      const second = Math.floor(now() / 1000);
      if ((await o.store.increment(`dingtalk:qps:${o.appKey}:${path}:${second}`, 2000)) <= PER_API_PER_SECOND) return;
      await sleep((second + 1) * 1000 - now() + 5);
    }
  }

  /** A robot blocked for flow control: its sends wait it out. */
  const flowControl = sharedHold({ store: o.store, key: blockKey, now, sleep, slackMs: 50 });

  async function block(): Promise<void> {
    o.log.warn({ robotCode: o.robotCode, until: new Date(now() + THROTTLED_BLOCK_MS).toISOString() }, "dingtalk users flow-controlled; holding sends to them for 10 minutes");
    await flowControl.hold(THROTTLED_BLOCK_MS);
  }

  return { checkQuota, quotaSpent, pace, waitUnblocked: flowControl.waitOut, block };
}
