// One entry for every form: the CLI's `export` and the API's download both validate the same request
// and get the same file back.
import { z } from "zod";
import type { Db } from "../infra/db.js";
import { localDate, monthRange, periodOfLabel, type Period } from "../infra/time.js";
import { findScopeOrg } from "../services/people/find-scope-org.js";
import { scopeOfOrg, type Scope } from "../services/where.js";
import { createRenderer } from "../templates/render.js";
import { assessmentForm } from "./assessment.js";
import { toCsv } from "./csv.js";
import type { FormDocument } from "./document.js";
import { monthlyForm } from "./monthly.js";
import { quarterlyForm } from "./quarterly.js";
import { rosterForm } from "./roster.js";
import { serviceForm } from "./service.js";

const say = createRenderer("api");

export const FORM_KINDS = ["monthly", "quarterly", "roster", "assessment", "service"] as const;

/** The request's fields; ExportRequestSchema adds the rules between them. */
export const ExportFields = z.object({
  form: z.enum(FORM_KINDS),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, say("export.bad_month")).optional(),
  quarter: z.string().regex(/^\d{4}Q[1-4]$/, say("export.bad_quarter")).optional(),
  org: z.string().min(1).optional(),
  programme: z.string().min(1).optional(),
  /** One posting's form (its assessment form, from the posting's page). */
  posting: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** The person a 基层服务证明 is for (their id). */
  person: z.coerce.number().int().positive().optional(),
  format: z.enum(["xlsx", "csv"]).default("xlsx"),
});

export const ExportRequestSchema = ExportFields.superRefine((r, ctx) => {
  if (r.month && r.quarter) ctx.addIssue({ code: "custom", path: ["quarter"], message: say("export.month_or_quarter") });
  if (r.form === "monthly" && !r.month) ctx.addIssue({ code: "custom", path: ["month"], message: say("export.needs_month") });
  if (r.form === "quarterly" && !r.quarter) ctx.addIssue({ code: "custom", path: ["quarter"], message: say("export.needs_quarter") });
  if (r.form === "service" && !r.person) ctx.addIssue({ code: "custom", path: ["person"], message: say("export.needs_person") });
});
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

export type ExportFile = { fileName: string; contentType: string; body: Buffer };

const CONTENT_TYPES = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", csv: "text/csv; charset=utf-8" } as const;

const both = (a: Scope, b: Scope): Scope => ({ postings: { AND: [a.postings, b.postings] }, pairings: { AND: [a.pairings, b.pairings] }, org: b.org ?? a.org });

/** The caller's scope narrowed to the organisation the request names, if it names one. */
async function narrow(db: Db, scope: Scope, org?: string): Promise<Scope> {
  if (!org) return scope;
  return both(scope, scopeOfOrg(await findScopeOrg(db, org)));
}

function periodOf(r: ExportRequest): Period | undefined {
  if (r.quarter) return periodOfLabel(r.quarter);
  if (r.month) return { label: r.month, ...monthRange(r.month) };
  return undefined;
}

async function build(db: Db, r: ExportRequest, scope: Scope, tz: string): Promise<FormDocument> {
  switch (r.form) {
    case "monthly": return monthlyForm(db, { month: r.month!, scope, tz });
    case "quarterly": return quarterlyForm(db, { quarter: periodOf(r)!, scope, tz });
    case "roster": return rosterForm(db, { scope, programme: r.programme, period: periodOf(r) });
    case "assessment": return assessmentForm(db, { scope, period: periodOf(r), tz });
    case "service": return serviceForm(db, { personId: r.person!, scope, today: localDate(new Date(), tz) });
  }
}

/** Narrowed to one posting when the request names one (still within the caller's scope). */
const onePosting = (scope: Scope, id?: number): Scope => (id ? { ...scope, postings: { AND: [scope.postings, { id }] } } : scope);

export async function exportForm(db: Db, r: ExportRequest, scope: Scope, tz: string): Promise<ExportFile> {
  const doc = await build(db, r, onePosting(await narrow(db, scope, r.org), r.posting), tz);
  const suffix = r.org ? `_${r.org}` : "";
  return {
    fileName: `${doc.fileName}${suffix}.${r.format}`,
    contentType: CONTENT_TYPES[r.format],
    // exceljs is loaded only when a workbook is written: most processes never write one.
    body: r.format === "csv" ? toCsv(doc.csv) : await (await import("./xlsx.js")).toXlsx(doc),
  };
}
