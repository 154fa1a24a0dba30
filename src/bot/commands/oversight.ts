// 会议 / 督导: leaders log quarterly meetings and supervision visits from chat (SPEC §3, issue 6 §6).
// Logging one closes the matching reminders (their sweeps and send-time checks count these rows).
import type { VisitorKind } from "../../generated/prisma/client.js";
import { dbDate } from "../../infra/time.js";
import { createRenderer } from "../../templates.js";
import { matchDate } from "../dates.js";
import { answer, reject, type BotContext, type Command } from "../context.js";
import { formatDay } from "../format.js";

const say = createRenderer("reminders");

async function senderOrg(ctx: BotContext) {
  return ctx.deps.prisma.person.findUniqueOrThrow({
    where: { id: ctx.sender!.id }, select: { role: true, department: true, organization: { select: { id: true, name: true, kind: true } } },
  });
}

/** "6月20日 rest" → the date (not in the future) and the rest. */
function leadingDate(args: string, today: string): { date: string; rest: string } | undefined {
  const text = args.trim();
  const m = matchDate(text, 0, today, "past");
  if (!m || "invalid" in m || m.date > today) return undefined;
  return { date: m.date, rest: text.slice(m.end).trim() };
}

export const meeting: Command = {
  name: "meeting",
  match: (text) => /^(?:会议|开会)\s+([\s\S]+)$/.exec(text),
  async handle(ctx, match) {
    const me = await senderOrg(ctx);
    if (me.role !== "leader" && me.role !== "admin") return reject("leaders_only", say("leaders_only"));
    const parsed = leadingDate(match[1], ctx.today);
    const [title, attendees] = (parsed?.rest ?? "").split(/\s*参会(?:人员)?[：:]\s*/);
    if (!parsed || !title || me.organization.kind !== "supporting") return reject("bad_meeting", say("meeting.usage"));
    await ctx.deps.prisma.meeting.create({
      data: { supportingOrgId: me.organization.id, heldOn: dbDate(parsed.date), title, attendees: attendees || null, loggedById: ctx.sender!.id },
    });
    return answer("command", say("meeting.done", { date: formatDay(parsed.date), title, org: me.organization.name }));
  },
};

function visitorKindOf(me: { organization: { kind: string }; department: string | null }): VisitorKind {
  if (me.organization.kind === "authority") return "bureau";
  return me.department ? "dept_head" : "hospital_leader";
}

export const visit: Command = {
  name: "visit",
  match: (text) => /^督导\s+([\s\S]+)$/.exec(text),
  async handle(ctx, match) {
    const me = await senderOrg(ctx);
    if (me.role !== "leader" && me.role !== "admin") return reject("leaders_only", say("leaders_only"));
    const parsed = leadingDate(match[1], ctx.today);
    const [clinicName = "", ...report] = (parsed?.rest ?? "").split(/\s+/);
    if (!parsed || !clinicName) return reject("bad_visit", say("visit.usage"));
    // The clinic as written, or the one clinic whose full name contains it (江口镇中心卫生院 → 云阳县江口镇中心卫生院).
    const clinics = await ctx.deps.prisma.organization.findMany({ where: { kind: "recipient", name: { contains: clinicName } }, select: { id: true, name: true } });
    const clinic = clinics.find((c) => c.name === clinicName) ?? (clinics.length === 1 ? clinics[0] : undefined);
    if (!clinic) return reject("unknown_clinic", say("visit.no_clinic", { clinic: clinicName }));
    const visitorKind = visitorKindOf(me);
    await ctx.deps.prisma.supervisionVisit.create({
      data: { recipientOrgId: clinic.id, visitedOn: dbDate(parsed.date), visitorKind, visitors: ctx.sender!.name, report: report.join(" ") || null, loggedById: ctx.sender!.id },
    });
    return answer("command", say("visit.done", { date: formatDay(parsed.date), clinic: clinic.name, kind: say(`visit.kind.${visitorKind}`) }));
  },
};
