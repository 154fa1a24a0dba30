// A programme as its document says it (对口支援 方案/通知): the cycle, the arrival deadline, how long a
// posting must last, part-time and rotation rules, targets, oversight minimums, meetings, reports due,
// training duties, allowance. Each rule carries the sentence of the document it encodes (`clause`) and,
// where it constrains a record, whether it refuses ("不得", "必须") or warns ("原则上").
import { z } from "zod";
import { METRIC_KEYS } from "./metrics.js";
import { AssessmentFormSchema } from "./assessment.js";

const Day = z.iso.date();
const Clause = z.string().min(1);
const Level = z.enum(["refuse", "warn"]);
const Period = z.enum(["week", "month", "half_year", "year", "posting"]);
/** 全脱产, 半脱产, 巡诊: the roster's 派驻方式 (roster/parse-roster.ts reads it). */
export const POSTING_MODES = ["full_time", "part_time", "circuit"] as const;

/** A fixed cycle (start … end), or one that starts every year on a month and day ("01-01"). */
const Cycle = z.union([
  z.object({ start: Day, end: Day, clause: Clause }).refine((c) => c.start <= c.end, { path: ["end"], message: "before start" }),
  z.object({ yearly: z.string().regex(/^\d{2}-\d{2}$/), clause: Clause }),
]);

export const ProgrammeRulesSchema = z.object({
  /** The programme's name in duikou: what roster imports and exports name. */
  name: z.string().min(1).max(100),
  document: z.string().min(1),
  title: z.string().min(1),
  issuer: z.string().optional(),
  region: z.string().optional(),
  cycle: Cycle,
  arrival: z.object({ by: Day, clause: Clause }).optional(),
  posting: z.object({ minMonths: z.number().positive(), level: Level, clause: Clause }).optional(),
  partTime: z.object({ minDaysPerWeek: z.number().int().min(1).max(7).optional(), maxShare: z.number().min(0).max(1).optional(), level: Level, clause: Clause }).optional(),
  rotation: z.object({ maxPeoplePerPostYear: z.number().int().positive(), monthsEach: z.number().positive(), notify: z.string().optional(), level: Level, clause: Clause }).optional(),
  replacement: z.object({ approvals: z.array(z.enum(["hospital_leader", "bureau"])).min(1), clause: Clause }).optional(),
  coverage: z.object({ yearRound: z.literal(true), level: Level, clause: Clause }).optional(),
  /** 选派医师数: each pairing keeps the number of doctors its list sends (明溪's 名单及选派人数). */
  staffing: z.object({ level: Level, clause: Clause }).optional(),
  leave: z.object({ approver: z.enum(["clinic_contact", "hospital_leader", "bureau"]), clause: Clause }).optional(),
  /** `modes`: the posting modes a target is for (中站's 驻点 and 巡诊 minimums differ); every mode without. */
  targets: z.array(z.object({ metric: z.enum(METRIC_KEYS), minimum: z.number().positive(), period: Period, modes: z.array(z.enum(POSTING_MODES)).min(1).optional(), clause: Clause })).default([]),
  /** `of`: what a minimum is counted for: each clinic (the default), or each supporting hospital (中站's 督查考核 监督支援医院, done at any clinic it serves). */
  oversight: z.array(z.object({ visitor: z.enum(["bureau", "hospital_leader", "dept_head"]), minimum: z.number().int().positive(), per: z.enum(["year", "half_year", "cycle"]), of: z.enum(["clinic", "hospital"]).default("clinic"), clause: Clause })).default([]),
  meetings: z.object({ every: z.literal("quarter"), clause: Clause }).optional(),
  reports: z.array(z.object({
    name: z.string().min(1),
    /** Fixed dates, or a cadence: every quarter's end, every half-year's end, the fourth quarter. */
    due: z.array(Day).min(1).optional(),
    every: z.enum(["quarter", "half_year", "year_q4", "year_start"]).optional(),
    clause: Clause,
  }).refine((r) => (r.due ? 1 : 0) + (r.every ? 1 : 0) === 1, { message: "give due dates or every, not both" })).default([]),
  training: z.array(z.object({ what: z.string().min(1), people: z.number().int().positive(), months: z.number().positive().optional(), per: z.literal("year"), clause: Clause })).default([]),
  allowance: z.object({ perPersonYearYuan: z.number().nonnegative(), townshipOnly: z.boolean().default(false), clause: Clause }).optional(),
  /** The forms as the document prints them: titles, and the roster's layout (渝北 附件3, 科左中旗 关系表, 明溪 名单). */
  forms: z.object({
    assessmentTitle: z.string().optional(), monthlyTitle: z.string().optional(), quarterlyTitle: z.string().optional(), rosterTitle: z.string().optional(),
    roster: z.enum(["annex3", "relations", "list"]).optional(),
    /** The assessment form: its layout, boxes and who signs each, its opinion scale (渝北's 附件1 without). */
    assessment: AssessmentFormSchema.optional(),
  }).optional(),
}).strict();

export type ProgrammeRules = z.infer<typeof ProgrammeRulesSchema>;

/** Every problem of a definition, each named by its path ("targets.1.metric: …"). */
/** A programme with rules asks for quarterly meetings only where its document does; one without runs on the default (it does). */
export const asksForMeetings = (rules: ProgrammeRules | undefined): boolean => !rules || !!rules.meetings;

export function parseProgrammeRules(input: unknown): { rules: ProgrammeRules } | { problems: string[] } {
  const parsed = ProgrammeRulesSchema.safeParse(input);
  if (parsed.success) return { rules: parsed.data };
  return { problems: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`) };
}

/** The cycle that contains `day`: the fixed one, or this year's (or last year's) for a yearly cycle. */
export function cycleAround(rules: Pick<ProgrammeRules, "cycle">, day: string): { from: string; to: string } {
  const c = rules.cycle;
  if ("start" in c) return { from: c.start, to: c.end };
  const year = Number(day.slice(0, 4));
  const startOf = (y: number) => `${y}-${c.yearly}`;
  const from = day >= startOf(year) ? startOf(year) : startOf(year - 1);
  const next = startOf(Number(from.slice(0, 4)) + 1);
  const to = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * The window an oversight minimum is counted in, inside the programme's cycle: the whole cycle when it
 * is no longer than the rule's period (渝北's May–October cycle is its "year" and its "half-year"),
 * else the year or half-year of the cycle, counted from its start, that contains `day`.
 */
export function oversightPeriod(rules: Pick<ProgrammeRules, "cycle">, per: "year" | "half_year" | "cycle", day: string): { period: { label: string; from: string; to: string }; periodName: "cycle" | "year" | "half_year" } {
  const cycle = cycleAround(rules, day);
  const months = per === "half_year" ? 6 : 12;
  const cycleMonths = monthsSpanned(cycle.from, cycle.to);
  if (per === "cycle" || cycleMonths <= months) return { period: { label: `${cycle.from}~${cycle.to}`, ...cycle }, periodName: "cycle" };
  let from = cycle.from;
  while (addMonths(from, months) <= day) from = addMonths(from, months);
  const end = addMonths(from, months);
  const to = new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { period: { label: `${from}~${to < cycle.to ? to : cycle.to}`, from, to: to < cycle.to ? to : cycle.to }, periodName: per };
}

function addMonths(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole months from the first day to the day after the last (2021-05-01 … 2021-10-31 is 6). */
function monthsSpanned(from: string, to: string): number {
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  const start = new Date(`${from}T00:00:00Z`);
  return (next.getUTCFullYear() - start.getUTCFullYear()) * 12 + next.getUTCMonth() - start.getUTCMonth();
}
