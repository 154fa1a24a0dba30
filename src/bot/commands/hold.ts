// A report or correction over the daily bound is held back until the sender says 确认 (SPEC §4).
import { getMetric, type MetricKey } from "../../domain/metrics.js";
import { formatAmount } from "../../templates/phrases.js";
import type { BotContext, CommandResult, KnownContext } from "../context.js";

export const PENDING_TTL_MS = 30 * 60_000;
export const pendingKey = (personId: number) => `confirm:${personId}`;
/** What 确认 will record: a report or a correction held back for an implausible count. */
export type Pending = { inboundId: number; kind?: "report" | "correction"; postingId?: number };

export async function holdForConfirmation(ctx: KnownContext, pending: Pending): Promise<void> {
  await ctx.deps.store.set(pendingKey(ctx.sender.id), JSON.stringify(pending), PENDING_TTL_MS);
}

/** The daily bound of a metric: configuration (DAILY_LIMITS) over the metric's own. */
export const dailyLimitOf = (ctx: BotContext, metric: MetricKey) => ctx.deps.dailyLimits[metric] ?? getMetric(metric).dailyLimit;

/** 查房 30 次: a bound as the sender reads it. */
export const limitText = (metric: MetricKey, limit: number) => formatAmount(metric, limit);

/** A held report recorded on the answer that released it: that answer is a command, the recording the held message's. */
export const releasedAsCommand = (result: CommandResult): CommandResult => ({ ...result, outcome: result.outcome === "recorded" ? "command" : result.outcome });
