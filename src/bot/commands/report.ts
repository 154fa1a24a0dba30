// The default command: a workload report. Recorded whole or not at all, and only once per message.
import { render, replyOf, type Reply } from "../../templates/render.js";
import { closedMonth, formatAmount, formatDay, formatItems, joinList, quote } from "../../templates/phrases.js";
import { getMetric } from "../../domain/metrics.js";
import { findClosedMonths } from "../../services/months/find-closed-months.js";
import type { CurrentPosting } from "../../services/postings/find-current-posting.js";
import { recordReport, type OverBound } from "../../services/workload/record-report.js";
import { answer, currentPostingOf, reject, type CommandResult, type KnownContext } from "../context.js";
import { splitReason } from "../parse-command.js";
import { MAX_REPORT_LENGTH, parseReport, type ParsedReport, type ReportItem } from "../parse-report.js";
import { describeStanding, planReply } from "./standing.js";
import { helpReply } from "./help.js";
import { dailyLimitOf, holdForConfirmation, limitText } from "./hold.js";
import { choosePosting } from "./clinic.js";

const say = replyOf("replies");

function rejectUnreadable(parsed: ParsedReport, posting: CurrentPosting): CommandResult {
  const first = parsed.unreadable[0];
  const why = say(`unreadable.${first.why}`, { start: posting.start ?? "", end: posting.end ?? "" });
  const dated = first.why === "future_date" || first.why === "outside_posting" || first.why === "bad_date";
  return reject(first.why, say("unreadable", { fragment: quote(first.fragment), why, example: say(dated ? "example.date" : "example.default") }));
}

function datesNote(items: ReportItem[], today: string): Reply | string {
  const days = [...new Set(items.map((i) => i.date))];
  return days.length === 1 && days[0] === today ? "" : say("on_date", { date: joinList(days.map(formatDay)) });
}

/** 今天已记录 查房 8 次 / 5月3日还没有记录查房: what the doctor already has on the day a report would overfill. */
function recordedSoFar(o: OverBound, today: string): string {
  const day = o.day === today ? say("today") : formatDay(o.day);
  return render(o.recorded > 0 ? say("recorded_so_far", { day, amount: formatAmount(o.metric, o.recorded) }) : say("recorded_none", { day, metric: getMetric(o.metric).short }));
}

/** `posting`: the one chosen already (a doctor posted to two clinics said which). */
export type ReportOptions = { text: string; inboundId: number; skipLimits?: boolean; source?: "chat" | "card"; posting?: CurrentPosting };

/** Parses, checks and records one report; shared by chat messages, 确认 and quick report cards. */
export async function report(ctx: KnownContext, o: ReportOptions): Promise<CommandResult> {
  const person = ctx.sender;
  const choice = o.posting ? { posting: o.posting, text: o.text } : await choosePosting(ctx, { text: o.text, inboundId: o.inboundId, current: await currentPostingOf(ctx) });
  if ("ask" in choice) return choice.ask;
  const posting = choice.posting;
  if (!posting) return reject("no_posting", say(person.role === "doctor" ? "no_posting" : "not_a_doctor"));
  const { body, reason } = splitReason(choice.text);
  const parsed = parseReport(body, { today: ctx.today, postingStart: posting.start, postingEnd: posting.end });
  if (parsed.tooLong) return reject("too_long", say("too_long", { max: MAX_REPORT_LENGTH }));
  if (parsed.unreadable.length > 0) return rejectUnreadable(parsed, posting);
  if (parsed.items.length === 0) return reject("empty", helpReply());
  const closed = await findClosedMonths(ctx.deps.db, posting.id, parsed.items.map((i) => i.date), ctx.today);
  if (closed.length > 0 && !reason) return reject("closed_month", closedMonth(closed[0]));
  const late = closed.length > 0;
  // The reply's totals are read back with the recording, in the same round trip.
  const plan = await planReply(ctx, posting);
  const { over, days } = await recordReport(ctx.deps.db, {
    postingId: posting.id, personId: person.id, items: parsed.items, source: o.source ?? "chat", rawText: o.text,
    inboundMessageId: o.inboundId, reason, isLateCorrection: late, dailyLimit: o.skipLimits ? undefined : (metric) => dailyLimitOf(ctx, metric),
    totalsOver: plan.span,
  });
  const items = formatItems(parsed.items);
  if (over.length > 0) {
    await holdForConfirmation(ctx, { inboundId: o.inboundId, kind: "report", postingId: posting.id });
    const metrics = [...new Set(over.map((o) => o.metric))];
    return answer("pending_confirmation", say("implausible", {
      items, limits: joinList(metrics.map((m) => limitText(m, dailyLimitOf(ctx, m)))), recorded: joinList(over.map((o) => recordedSoFar(o, ctx.today))),
    }));
  }
  const date = datesNote(parsed.items, ctx.today);
  const receipt = late ? say("recorded.late", { items, date, reason: reason ?? "" }) : say("recorded", { items, date });
  const where = (ctx.sender.postingCount ?? 1) > 1 ? [say("clinic.chosen", { name: posting.recipientOrgName })] : [];
  return answer("recorded", { lines: [receipt, ...where, ...(await describeStanding(ctx, posting, { plan, days }))] });
}
