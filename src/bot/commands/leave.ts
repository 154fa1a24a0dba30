// 请假 / 暂停提醒 / 恢复提醒: people control the noise; the scheduler reads these before nudging.
import { dayjs, dbDate } from "../../infra/time.js";
import { reply } from "../../templates.js";
import { answer, reject, type Command } from "../context.js";
import { formatDay } from "../format.js";
import { parseDateRange } from "../parse-command.js";

export const leave: Command = {
  name: "leave",
  match: (text) => /^请假\s*([\s\S]*)$/.exec(text),
  async handle(ctx, match) {
    const range = parseDateRange(match[1], ctx.today);
    if (!range) return reject("bad_leave", reply("leave.usage"));
    const reason = range.rest.replace(/^[\s,，:：]+/, "") || undefined;
    await ctx.deps.prisma.leave.create({
      data: { personId: ctx.sender!.id, startDate: dbDate(range.from), endDate: dbDate(range.to), reason },
    });
    return answer("command", reply("leave.done", { from: formatDay(range.from), to: formatDay(range.to), reason: reason ? `（${reason}）` : "" }));
  },
};

export const pauseReminders: Command = {
  name: "pause",
  match: (text) => /^暂停提醒\s*(?:至|到|直到)?\s*([\s\S]*)$/.exec(text),
  async handle(ctx, match) {
    const range = parseDateRange(match[1], ctx.today);
    if (!range || range.from < ctx.today) return reject("bad_pause", reply("pause.usage"));
    // Paused through the whole of that day, in the programme's time zone.
    const until = dayjs.tz(`${range.to} 23:59:59`, ctx.deps.tz).toDate();
    await ctx.deps.prisma.person.update({ where: { id: ctx.sender!.id }, data: { remindersPausedUntil: until } });
    return answer("command", reply("pause.done", { date: formatDay(range.to) }));
  },
};

export const resumeReminders: Command = {
  name: "resume",
  match: (text) => /^(?:恢复提醒|开启提醒)$/.exec(text),
  async handle(ctx) {
    await ctx.deps.prisma.person.update({ where: { id: ctx.sender!.id }, data: { remindersPausedUntil: null } });
    return answer("command", reply("resume.done"));
  },
};
