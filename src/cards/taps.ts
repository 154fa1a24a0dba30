// What a tap on one of our cards does. The task id names the card's subject; the tapper must be the
// person the card is for; every answer is safe to repeat (the pipeline dedupes replays, and the changes
// themselves are conditional), and a tap that changes nothing says why.
import { z } from "zod";
import { getMetric, METRIC_KEYS } from "../domain/metrics.js";
import { dayjs } from "../infra/time.js";
import { answerArrival, findArrivalPosting, isClinicContact, type ArrivalAnswer } from "../services/arrival.js";
import { submitMonth } from "../services/month-close.js";
import { answer, reject, type BotContext, type CommandResult } from "../bot/context.js";
import { recordReport } from "../bot/commands/report.js";
import { formatMonth } from "../bot/format.js";
import { say } from "./build.js";
import { newTaskId, parseTaskId, type Card, type CardTap, type ParsedTaskId } from "./card.js";
import { nextSendable, parseQuietHours } from "../schedule/calendar.js";
import { sendQuickReportCard } from "../bot/commands/quick-report.js";
import { createRenderer } from "../templates.js";

const remind = createRenderer("reminders");

const at = (ctx: BotContext, time: Date) => dayjs(time).tz(ctx.deps.tz).format("M月D日 HH:mm");
const refuse = (reason: string, key: string, vars?: Record<string, string>) => reject(reason, say(key, vars));

async function tapArrival(ctx: BotContext, card: ParsedTaskId, key: string): Promise<CommandResult> {
  const posting = await findArrivalPosting(ctx.deps.prisma, card.subject);
  if (!posting || (key !== "arrived" && key !== "not_arrived")) return refuse("unknown_card", "unknown_card");
  const vars = { doctor: posting.doctorName, recipient: posting.recipientOrgName };
  if (!(await isClinicContact(ctx.deps.prisma, posting, ctx.sender!.id))) return refuse("not_contact", "arrival.not_contact", vars);
  const now = ctx.deps.now();
  const outcome = await answerArrival(ctx.deps.prisma, posting.id, key as ArrivalAnswer, { personId: ctx.sender!.id, actor: `person:${ctx.sender!.id}` }, now);
  if (outcome === "done") {
    const time = at(ctx, now);
    return { ...answer("command", say(`arrival.reply.${key}`, { ...vars, time })), cardUpdate: say(`arrival.done.${key}`, { name: ctx.sender!.name, time }) };
  }
  if (outcome === "ended") return refuse("posting_ended", "arrival.ended", vars);
  // Already confirmed by someone: the card is brought up to date and the tapper told by whom.
  const confirmed = (await findArrivalPosting(ctx.deps.prisma, posting.id))!;
  const time = confirmed.arrivedAt ? at(ctx, confirmed.arrivedAt) : "";
  const by = confirmed.confirmedByName ?? "";
  return { ...refuse("already_arrived", "arrival.already", { ...vars, time, by }), cardUpdate: say("arrival.done.arrived", { name: by, time }) };
}

async function tapMonthEnd(ctx: BotContext, card: ParsedTaskId, key: string): Promise<CommandResult> {
  const posting = await ctx.deps.prisma.posting.findUnique({ where: { id: card.subject }, select: { id: true, personId: true } });
  if (!posting || !card.period || (key !== "submit" && key !== "revise")) return refuse("unknown_card", "unknown_card");
  if (posting.personId !== ctx.sender!.id) return refuse("not_yours", "not_yours");
  const vars = { month: formatMonth(card.period), monthShort: `${Number(card.period.slice(5))}月`, day: "昨天" };
  if (key === "revise") return answer("command", say("month.reply.revise", vars));
  const now = ctx.deps.now();
  if (await submitMonth(ctx.deps.prisma, posting.id, card.period, "card")) {
    return { ...answer("command", say("month.reply.submitted", vars)), cardUpdate: say("month.done", { time: at(ctx, now) }) };
  }
  const report = await ctx.deps.prisma.monthlyReport.findUniqueOrThrow({ where: { postingId_month: { postingId: posting.id, month: card.period } } });
  return { ...refuse("already_submitted", "month.reply.already", vars), cardUpdate: say("month.done", { time: at(ctx, report.submittedAt) }) };
}

const Choice = z.object({ questionKey: z.enum(METRIC_KEYS), optionIds: z.array(z.string()).max(1) });
const COUNT = /^\d{1,4}$/;

/**
 * The form's choices as the chat report a doctor would have typed, so it goes through the same checks.
 * WeCom sends option ids from our select lists; DingTalk sends what the doctor typed into an input.
 */
function choicesAsReport(tap: CardTap, day: string): { text: string } | { badCount: string } | undefined {
  const parsed = z.array(Choice).max(METRIC_KEYS.length).safeParse(tap.selections);
  if (!parsed.success) return undefined;
  const bad = parsed.data.find((c) => c.optionIds[0] !== undefined && !COUNT.test(c.optionIds[0]));
  if (bad) return { badCount: bad.optionIds[0].slice(0, 20) };
  const items = parsed.data.filter((c) => Number(c.optionIds[0] ?? 0) > 0).map((c) => `${getMetric(c.questionKey).short}+${Number(c.optionIds[0])}`);
  return { text: items.length === 0 ? "" : `${dayjs.utc(day).format("M月D日")} ${items.join(" ")}` };
}

async function tapQuickReport(ctx: BotContext, card: ParsedTaskId, tap: CardTap): Promise<CommandResult> {
  if (card.subject !== ctx.sender!.id) return refuse("not_yours", "not_yours");
  const choice = card.period && tap.key === "submit" ? choicesAsReport(tap, card.period) : undefined;
  if (choice === undefined) return refuse("unknown_card", "unknown_card");
  if ("badCount" in choice) return refuse("bad_count", "quick.bad_count", { fragment: choice.badCount });
  const { text } = choice;
  if (text === "") return refuse("empty", "quick.empty");
  // Kept on the stored message: what the doctor submitted, and what 确认 re-reads after a limit check.
  await ctx.deps.prisma.inboundMessage.update({ where: { id: ctx.inboundId }, data: { text } });
  const result = await recordReport(ctx, { text, inboundId: ctx.inboundId, source: "card" });
  return result.outcome === "recorded" ? { ...result, cardUpdate: say("quick.done", { time: at(ctx, ctx.deps.now()) }) } : result;
}

const DEFAULT_REMINDERS = { quiet: parseQuietHours("21:00-08:00"), snoozeMinutes: 120 };

/** 稍后提醒: the same reminder again after the snooze, held to working hours; it is checked again then. */
async function snooze(ctx: BotContext, taskId: string): Promise<CommandResult> {
  const { prisma, tz } = ctx.deps;
  const original = await prisma.notification.findUnique({ where: { taskId } });
  if (!original) return refuse("unknown_card", "unknown_card");
  if (original.recipientPersonId !== ctx.sender!.id) return refuse("not_yours", "not_yours");
  const { quiet, snoozeMinutes } = ctx.deps.reminders ?? DEFAULT_REMINDERS;
  const due = nextSendable(new Date(ctx.deps.now().getTime() + snoozeMinutes * 60_000), tz, quiet);
  const payload = original.payload as { message: { card?: Card; text?: string } };
  // A fresh task id: WeCom wants one per card sent.
  const card = payload.message.card ? { ...payload.message.card, taskId: newTaskId("reminder", original.id) } : undefined;
  await prisma.notification.createMany({
    data: [{
      kind: original.kind, subject: original.subject, period: `${original.period}~${original.id}`, recipientPersonId: original.recipientPersonId,
      payload: { ...payload, message: card ? { card } : payload.message, writtenAt: ctx.deps.now().toISOString() } as object, dueAt: due, taskId: card?.taskId ?? null,
    }],
    skipDuplicates: true,
  });
  const time = dayjs(due).tz(tz).format("M月D日 HH:mm");
  return { ...answer("command", remind("snoozed", { time })), cardUpdate: remind("snooze.done", { time }) };
}

/** 已阅 on a digest: only the leader it was sent to; the card shows when it was read. */
function tapDigest(ctx: BotContext, card: ParsedTaskId, key: string): CommandResult {
  if (key !== "read") return refuse("unknown_card", "unknown_card");
  if (card.subject !== ctx.sender!.id) return refuse("not_yours", "not_yours");
  const time = at(ctx, ctx.deps.now());
  return { replies: [], outcome: "command", cardUpdate: remind("digest.read", { time }) };
}

export async function handleCardTap(ctx: BotContext, tap: CardTap): Promise<CommandResult> {
  const card = parseTaskId(tap.taskId);
  if (!card) return refuse("unknown_card", "unknown_card");
  if (tap.key === "snooze") return snooze(ctx, tap.taskId);
  if (card.kind === "reminder") return tap.key === "quick" ? sendQuickReportCard(ctx) : refuse("unknown_card", "unknown_card");
  if (card.kind === "arrival") return tapArrival(ctx, card, tap.key);
  if (card.kind === "month_end") return tapMonthEnd(ctx, card, tap.key);
  if (card.kind === "digest") return tapDigest(ctx, card, tap.key);
  return tapQuickReport(ctx, card, tap);
}
