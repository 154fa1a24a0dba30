// Schedule figures on PostgreSQL: the weekly digest for a bureau over 10,000 postings and 1,000,000
// workload entries (with the indexes the plan chose), and a nudge sweep over 10,000 postings.
import { pino } from "pino";
import type { Database } from "../../src/infra/db.js";
import { createMemoryStore } from "../../src/infra/memory-store.js";
import { parseQuietHours } from "../../src/schedule/calendar.js";
import { buildDigest } from "../../src/schedule/jobs/digest.js";
import { nudgeJob } from "../../src/schedule/jobs/nudge.js";
import { runJob } from "../../src/schedule/registry.js";

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });

/** 1,000,000 entries spread over the postings and the first half of 2024, written by the database itself. */
async function seedEntries(db: Database): Promise<number> {
  await db.client.$executeRawUnsafe(`
    INSERT INTO "WorkloadEntry" ("postingId", "personId", metric, quantity, "occurredOn", source, "rawText", "createdAt")
    SELECT p.id, p."personId", (ARRAY['rounds','lectures','patients','surgeries']::"MetricKey"[])[1 + (g % 4)], 1 + (g % 3),
           DATE '2024-01-01' + ((g / 10000) % 180), 'cli', 'bench', TIMESTAMP '2024-01-01' + ((g / 10000) % 180) * INTERVAL '1 day'
    FROM generate_series(0, 999999) g JOIN "Posting" p ON p.id = (SELECT min(id) FROM "Posting") + (g % 10000)`);
  await db.client.$executeRawUnsafe(`ANALYZE "WorkloadEntry"`);
  return db.client.workloadEntry.count();
}

/** The plan of the digest's "since the start" totals for a scope: the month totals, not the ledger. */
async function planSinceStart(db: Database): Promise<string> {
  const plan = await db.client.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT t.metric, sum(t.quantity) FROM "WorkloadMonthTotal" t JOIN "Posting" p ON p.id = t."postingId" JOIN "Programme" g ON g.id = p."programmeId"
    WHERE g.region IS NULL GROUP BY t.metric`);
  return plan.map((r) => r["QUERY PLAN"]).filter((l) => /Scan/.test(l)).map((l) => l.trim().replace(/^->\s*/, "").replace(/\s+\(.*$/, "")).join("; ");
}

/** The plan of the digest's week totals: a range of the ledger by day. */
async function planWeek(db: Database): Promise<string> {
  const plan = await db.client.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT metric, sum(quantity) FROM "WorkloadEntry" e JOIN "Posting" p ON p.id = e."postingId"
    WHERE e."revokedAt" IS NULL AND e."occurredOn" BETWEEN DATE '2024-06-10' AND DATE '2024-06-16' GROUP BY metric`);
  return plan.map((r) => r["QUERY PLAN"]).filter((l) => /Scan/.test(l)).map((l) => l.trim().replace(/^->\s*/, "").replace(/\s+\(.*$/, "")).join("; ");
}

export async function benchSchedule(db: Database): Promise<void> {
  const entries = await seedEntries(db);
  const bureau = await db.client.organization.create({ data: { name: "bench 卫健委", kind: "authority" } });
  const leader = await db.client.person.create({ data: { name: "bench 局长", organizationId: bureau.id, role: "leader" }, include: { organization: true } });
  const programme = await db.client.programme.findFirstOrThrow({ where: { name: "bench" } });
  await db.client.target.create({ data: { programmeId: programme.id, metric: "lectures", minimum: 5, period: "half_year" } });
  // The digest runs once cold (the first query plans, the client warming up), then three times warm.
  const digestRuns: number[] = [];
  let digest;
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    digest = await buildDigest(db.client, leader, "2024-06-17", "Asia/Shanghai");
    digestRuns.push(performance.now() - t);
  }
  const warm = digestRuns.slice(1).sort((a, b) => a - b)[1];
  console.log(`digest on PostgreSQL: a bureau over 10,000 postings and ${fmt(entries)} entries in ${fmt(warm)} ms warm (median of 3; ${fmt(digestRuns[0])} ms cold; ${digest?.lines.length} lines); week totals read ${await planWeek(db)}; totals since the start read ${await planSinceStart(db)}`);
  let t0 = performance.now();

  // The nudge's last-report lookup: one backward index step per person, not a grouping of the ledger.
  const ids = (await db.client.person.findMany({ take: 100, select: { id: true } })).map((p) => p.id).join(",");
  const nudgePlan = await db.client.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT p.id, (SELECT e."createdAt" FROM "WorkloadEntry" e
    WHERE e."personId" = p.id AND e."revokedAt" IS NULL ORDER BY e."createdAt" DESC LIMIT 1) FROM unnest(string_to_array($1, ',')::int[]) AS p(id)`, ids);
  const steps = nudgePlan.map((r) => r["QUERY PLAN"]).filter((l) => /Index Scan Backward|Seq Scan on "WorkloadEntry"/.test(l)).map((l) => l.trim().replace(/\s+\(.*$/, ""));
  console.log(`nudge's last report per doctor: ${steps.join("; ") || "no plan found"}`);

  const sent: number[] = [];
  const deps = {
    db: db.client, store: createMemoryStore(), log: pino({ level: "silent" }), tz: "Asia/Shanghai", quiet: parseQuietHours("21:00-08:00"),
    settings: { nudgeAfterWorkingDays: 2, nudgeEscalateAfter: 3, arrivalDeadlineDays: 3, snoozeMinutes: 120, retentionDays: 180 },
    deliver: async (personId: number) => (sent.push(personId), "sent" as const),
  };
  // Nobody has reported for a week: every one of the 10,000 doctors is nudged.
  const when = new Date("2024-07-12T17:30:00+08:00");
  t0 = performance.now();
  const dry = await runJob(deps, nudgeJob, when, { dryRun: true });
  console.log(`nudge sweep on PostgreSQL (dry run: the queries alone): 10,000 postings in ${fmt((performance.now() - t0) / 1000)} s, ${dry.emitted.length} would be reminded`);
  t0 = performance.now();
  const run = await runJob(deps, nudgeJob, when, { slot: "bench" });
  const s = (performance.now() - t0) / 1000;
  console.log(`nudge sweep on PostgreSQL (written and sent): ${fmt(s)} s, ${run.emitted.length} reminders written and ${run.sent} handed to the channel, each claimed, sent and marked on its own (WeCom paces each member at 30 a minute; one nudge each needs no waiting)`);
}
