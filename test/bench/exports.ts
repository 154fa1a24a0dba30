// Export figures on PostgreSQL: the month's forms for 10,000 postings (about 1,000,000 entries in the
// database), as XLSX (a summary line and a 20-row form per doctor) and CSV, and the 附件3 roster.
import type { Database } from "../../src/infra/db.js";
import { exportForm, ExportRequestSchema } from "../../src/forms/export.js";
import { EVERYTHING } from "../../src/services/where.js";

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });

async function timed(db: Database, request: Record<string, string>): Promise<string> {
  const t0 = performance.now();
  const file = await exportForm(db.client, ExportRequestSchema.parse(request), EVERYTHING, "Asia/Shanghai");
  const s = (performance.now() - t0) / 1000;
  return `${fmt(s)} s, ${fmt(file.body.length / 1024 / 1024)} MB`;
}

export async function benchExports(db: Database): Promise<void> {
  const postings = await db.client.posting.count();
  const entries = await db.client.workloadEntry.count({ where: { occurredOn: { gte: new Date("2024-03-01"), lte: new Date("2024-03-31") } } });
  console.log(`export 工作量月统计报告表 2024-03 on PostgreSQL, ${fmt(postings)} postings, ${fmt(entries)} entries that month: XLSX ${await timed(db, { form: "monthly", month: "2024-03" })}; CSV ${await timed(db, { form: "monthly", month: "2024-03", format: "csv" })}`);
  console.log(`export 附件3 roster on PostgreSQL, ${fmt(postings)} postings: XLSX ${await timed(db, { form: "roster" })}`);
}
