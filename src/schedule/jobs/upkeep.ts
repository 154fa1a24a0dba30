// The jobs that keep the records true without sending anyone anything: postings past their end become
// 已结束, what came in longer ago than RETENTION_DAYS is let go (services/inbound/prune-inbound.ts), and
// card copies too old to update are dropped (services/cards).
import { addDays, dbDate } from "../../infra/time.js";
import { endPastPostings } from "../../services/postings/end-past-postings.js";
import { pruneInbound } from "../../services/inbound/prune-inbound.js";
import { pruneCardCopies } from "../../services/cards/prune-card-copies.js";
import type { Job } from "../job.js";

export const endPostingsJob: Job = {
  name: "end_postings",
  time: "00:10",
  async run(ctx) {
    const ended = await endPastPostings(ctx.deps.db, ctx.today);
    if (ended > 0) ctx.deps.log.info({ ended }, "postings past their end date ended");
  },
};

export const retentionJob: Job = {
  name: "retention",
  time: "03:33",
  async run(ctx) {
    const pruned = await pruneInbound(ctx.deps.db, dbDate(addDays(ctx.today, -ctx.deps.settings.retentionDays)));
    const cardCopies = await pruneCardCopies(ctx.deps.db, ctx.at);
    ctx.deps.log.info({ ...pruned, cardCopies, retentionDays: ctx.deps.settings.retentionDays }, "retention: old inbound messages pruned");
  },
};
