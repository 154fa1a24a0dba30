// Every reminder is written before it is sent, under its unique key (kind, subject, period): a second
// instance, a restart or a re-run finds the row and sends nothing. A row is claimed before sending, so
// two instances never send the same one; a crash between claim and send loses it rather than doubling it.
import type { Platform } from "../generated/prisma/client.js";
import type { DbClient } from "../infra/db.js";
import type { Logger } from "../infra/logger.js";
import type { Card } from "../cards/card.js";
import type { BarChart } from "../charts/bar-chart.js";
import { nextSendable, type QuietHours } from "./calendar.js";
import { isPlatformError, isQuotaSpent } from "../channels/http-core.js";
import { localDate, startOfNextMonth } from "../infra/time.js";
import { createRenderer } from "../templates/render.js";
import { writeNotifications, notificationKey } from "../services/notifications/write-notifications.js";
import { findExistingNotifications } from "../services/notifications/find-existing-notifications.js";
import { findDueNotifications } from "../services/notifications/find-due-notifications.js";
import { claimNotification, type DueNotification } from "../services/notifications/claim-notification.js";
import { settleNotification, type Settlement } from "../services/notifications/settle-notification.js";
import { findBureauPeople } from "../services/people/find-bureau-people.js";

const say = createRenderer("reminders");

/** A text or a card, and a chart drawn when it is sent (the digest's). */
/** `account`: this one of the person's accounts only (a warning about a new binding goes to the ones they had). */
export type Message = ({ text: string } | { card: Card }) & { chart?: BarChart; account?: { platform: Platform; externalUserId: string } };
/** Sends to a person on a channel they have an account on; "unreachable" when they have none. */
export type Deliver = (personId: number, message: Message) => Promise<"sent" | "unreachable">;
export type StillDue = (db: DbClient, n: { subject: string; period: string; recipientPersonId: number | null }, tz: string) => Promise<boolean>;

/** `instead`: why it goes to this person (an admin) rather than the one it is for. */
export type Outgoing = { kind: string; subject: string; period: string; to: { id: number; name: string }; message: Message; instead?: string };
/** A reminder a run wrote (or, in a dry run, would write), and when it goes out (quiet hours and holidays hold it). */
export type Emitted = { kind: string; recipient: string; subject: string; dueAt: Date; instead?: string };

export type OutboxDeps = { db: DbClient; log: Logger; tz: string; quiet: QuietHours; deliver: Deliver };

const MAX_ATTEMPTS = 3;

/** A snoozed copy's period is the original's plus "~<id>"; checks read the original period. */
export const basePeriod = (period: string) => period.split("~")[0];
const RETRY_AFTER_MS = 5 * 60_000;

/** Writes the reminders whose keys do not exist yet, due now (or after quiet hours); returns the ones this call wrote. */
export async function writeOutgoing(deps: OutboxDeps, list: Outgoing[], at: Date): Promise<Outgoing[]> {
  const written = await writeNotifications(deps.db, { list, dueAt: nextSendable(at, deps.tz, deps.quiet), writtenAt: at });
  return list.filter((o) => written.has(notificationKey(o)));
}

/** The reminders whose keys do not exist yet (a dry run's answer). */
export async function unwritten(db: DbClient, list: Outgoing[]): Promise<Outgoing[]> {
  const existing = await findExistingNotifications(db, list);
  return list.filter((o) => !existing.has(notificationKey(o)));
}

type Row = DueNotification;

/**
 * What a failed send becomes: a platform's permanent refusal is cancelled at once (trying again cannot
 * help); a spent monthly quota waits for the month to turn; anything else (a network failure, a
 * throttle, a fault of ours) is tried again in five minutes, three times in all.
 */
async function afterFailure(deps: OutboxDeps, row: Row, error: unknown, now: Date): Promise<Settlement> {
  const failure = isPlatformError(error) ? error.failure : undefined;
  const refused = failure?.kind === "refused" ? failure : undefined;
  const log = { err: (error as Error).message, notification: row.id, kind: row.kind };
  if (isQuotaSpent(error)) {
    const nextMonth = startOfNextMonth(now, deps.tz);
    deps.log.warn(log, "reminder held until the platform's monthly quota resets");
    await tellAdminsOfQuota(deps, localDate(nextMonth, deps.tz).slice(0, 7), now);
    return { retryAt: nextMonth, attempts: row.attempts };
  }
  const giveUp = (refused !== undefined && !refused.retryable) || row.attempts + 1 >= MAX_ATTEMPTS;
  deps.log.error({ ...log, giveUp, reason: refused ? `refused ${refused.code}` : failure ? "network" : "error" }, "reminder send failed");
  return giveUp ? { cancelled: now } : { retryAt: new Date(now.getTime() + RETRY_AFTER_MS) };
}

/** The admins hear once a month that DingTalk's quota is spent (on WeCom now; on DingTalk when it resets). */
async function tellAdminsOfQuota(deps: OutboxDeps, until: string, now: Date): Promise<void> {
  const admins = await findBureauPeople(deps.db, { adminsOnly: true });
  const text = say("platform_quota", { year: until.slice(0, 4), month: Number(until.slice(5)) });
  await writeOutgoing(deps, admins.map((to) => ({ kind: "platform_quota", subject: `dingtalk:person:${to.id}`, period: until, to, message: { text } })), now);
}

async function sendOne(deps: OutboxDeps, row: Row, now: Date, stillDue: Record<string, StillDue>): Promise<"sent" | "cancelled" | "failed"> {
  // A reminder sent as soon as its sweep wrote it was just found due; one that waited (held over quiet
  // hours, snoozed, retried) is checked again, so it stops once the thing is done.
  const writtenAt = new Date((row.payload as { writtenAt?: string }).writtenAt ?? row.createdAt);
  const waited = row.dueAt > writtenAt;
  const check = waited ? stillDue[row.kind] : undefined;
  if (row.recipientPersonId === null || (check && !(await check(deps.db, { ...row, period: basePeriod(row.period) }, deps.tz)))) {
    await settleNotification(deps.db, row.id, { cancelled: now });
    return "cancelled";
  }
  const { message } = row.payload as { message: Message };
  try {
    const result = await deps.deliver(row.recipientPersonId, message);
    if (result === "unreachable") deps.log.warn({ notification: row.id, kind: row.kind, personId: row.recipientPersonId }, "reminder recipient has no chat account");
    await settleNotification(deps.db, row.id, result === "sent" ? { sent: now } : { cancelled: now });
    return result === "sent" ? "sent" : "cancelled";
  } catch (error) {
    await settleNotification(deps.db, row.id, await afterFailure(deps, row, error, now));
    return "failed";
  }
}

/** Sends every written reminder that is due and still needed; the thing done since means no send. */
export async function sendDue(deps: OutboxDeps, now: Date, stillDue: Record<string, StillDue>): Promise<{ sent: number; cancelled: number; failed: number }> {
  const counts = { sent: 0, cancelled: 0, failed: 0 };
  for (;;) {
    const due = await findDueNotifications(deps.db, { now, take: 200 });
    if (due.length === 0) return counts;
    for (const id of due) {
      // One row claimed at a time, sent before the next is claimed: a crash loses at most the one in flight.
      const row = await claimNotification(deps.db, id, now);
      if (row) counts[await sendOne(deps, row, now, stillDue)]++; // else another instance has it
    }
  }
}
