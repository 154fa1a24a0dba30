// 服务记录: the doctor's grassroots service across every posting and programme, with service elsewhere
// the bureau entered, and the days in all (what 中站's 职称 rule and 盐池's 凡晋必下 ask of them).
import { findServiceRecord } from "../../services/people/find-service-record.js";
import { createRenderer, replyOf } from "../../templates/render.js";
import { answer, type Command, type KnownContext } from "../context.js";

const say = replyOf("replies");
// The lines are text inside the one reply.
const line = createRenderer("replies");

export const serviceRecord: Command = {
  name: "service-record",
  match: (text) => /^(?:服务记录|基层服务|服务时间|下基层记录)$/.exec(text),
  async handle(ctx) {
    const { deps, sender, today } = ctx as KnownContext;
    const record = (await findServiceRecord(deps.db, sender.id, today))!;
    if (record.postings.length === 0 && record.elsewhere.length === 0) return answer("query", say("service.none"));
    const lines = [
      ...record.postings.map((p) => line("service.posting", { programme: p.programme, clinic: p.clinic, from: p.from, to: p.to, days: p.days })),
      ...record.elsewhere.map((e) => line("service.elsewhere", { kind: e.kind, from: e.from, to: e.to, days: e.days })),
    ];
    return answer("query", say("service.record", { days: record.totalDays, years: Math.floor((record.totalDays / 365) * 10) / 10, lines: lines.join("\n") }));
  },
};
