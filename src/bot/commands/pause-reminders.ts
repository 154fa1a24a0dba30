// 暂停提醒 至 6月1日 / 恢复提醒: people control the noise; the scheduler reads this before nudging.
import { dayjs } from "../../infra/time.js";
import { replyOf } from "../../templates/render.js";
import { formatDay } from "../../templates/phrases.js";
import { pauseReminders as pause } from "../../services/people/pause-reminders.js";
import { answer, reject, type Command } from "../context.js";
import { parseDateRange } from "../parse-command.js";

const say = replyOf("replies");

export const pauseReminders: Command = {
  name: "pause",
  match: (text) => /^暂停提醒\s*(?:至|到|直到)?\s*([\s\S]*)$/.exec(text),
  async handle(ctx, match) {
    const range = parseDateRange(match[1], ctx.today);
    if (!range || range.from < ctx.today) return reject("bad_pause", say("pause.usage"));
    // Paused through the whole of that day, in the programme's time zone.
    await pause(ctx.deps.db, ctx.sender!.id, dayjs.tz(`${range.to} 23:59:59`, ctx.deps.tz).toDate());
    return answer("command", say("pause.done", { date: formatDay(range.to) }));
  },
};

export const resumeReminders: Command = {
  name: "resume",
  match: (text) => /^(?:恢复提醒|开启提醒)$/.exec(text),
  async handle(ctx) {
    await pause(ctx.deps.db, ctx.sender!.id, null);
    return answer("command", say("resume.done"));
  },
};
