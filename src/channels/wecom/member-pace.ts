// WeCom's limit on messages to one member: 30 in a minute and 1,000 in an hour per app, and what goes
// over is dropped without an error (doc 90454 访问频率限制: "超过部分会被丢弃不下发"). The documentation does not
// say whether the windows are calendar or rolling, so they are kept rolling, which satisfies both: the
// times of the member's sends in the last hour are kept in the shared store, under a per-member lock so
// that two instances cannot both take the last slot.
import type { Store } from "../../infra/store.js";

export const PER_MEMBER_PER_MINUTE = 30;
export const PER_MEMBER_PER_HOUR = 1000;
// Counted from when we take the slot, while WeCom counts from when the message reaches it, a little
// later: without a margin the 31st message goes out just as our window ends and just before WeCom's
// does, and is dropped (the bench's burst found exactly that).
const MARGIN_MS = 2_000;
const MINUTE_MS = 60_000 + MARGIN_MS;
const HOUR_MS = 3_600_000 + MARGIN_MS;
const LOCK_MS = 5_000;
const LOCK_RETRY_MS = 20;

/** How long until one more send fits both windows (0: now), given the send times of the last hour. */
export function waitForSlot(times: readonly number[], now: number): number {
  const lastHour = times.filter((t) => t > now - HOUR_MS).sort((a, b) => a - b);
  const lastMinute = lastHour.filter((t) => t > now - MINUTE_MS);
  const minuteWait = lastMinute.length >= PER_MEMBER_PER_MINUTE ? lastMinute[lastMinute.length - PER_MEMBER_PER_MINUTE] + MINUTE_MS - now : 0;
  const hourWait = lastHour.length >= PER_MEMBER_PER_HOUR ? lastHour[lastHour.length - PER_MEMBER_PER_HOUR] + HOUR_MS - now : 0;
  return Math.max(minuteWait, hourWait, 0);
}

type PaceOptions = { store: Store; key: string; now: () => number; sleep: (ms: number) => Promise<void> };

/** Takes a slot for one send to this member now (0), or says how long until one is free (nothing taken). */
export async function reserveSlot(o: PaceOptions): Promise<number> {
  for (;;) {
    const lock = await o.store.lock(`${o.key}:lock`, LOCK_MS);
    if (!lock) {
      await o.sleep(LOCK_RETRY_MS);
      continue;
    }
    try {
      const times = JSON.parse((await o.store.get(o.key)) ?? "[]") as number[];
      const now = o.now();
      const wait = waitForSlot(times, now);
      if (wait === 0) await o.store.set(o.key, JSON.stringify([...times.filter((t) => t > now - HOUR_MS), now]), HOUR_MS);
      return wait === 0 ? 0 : wait + 1;
    } finally {
      await lock.release();
    }
  }
}

/** Waits until a send to this member fits WeCom's windows, and counts it. */
export async function paceMember(o: PaceOptions): Promise<void> {
  for (let wait = await reserveSlot(o); wait > 0; wait = await reserveSlot(o)) await o.sleep(wait);
}
