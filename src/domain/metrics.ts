// The metric table of SPEC §3, read once from templates/metrics.json (the Chinese lives there).
import { z } from "zod";
import { loadTemplate } from "../templates/load.js";

export const METRIC_KEYS = [
  "patients", "outpatient_half_days", "surgeries", "rounds", "circuits", "lectures", "trainees", "mentees", "consultations",
  "case_discussions", "surgery_demos", "specialties", "techniques", "protocols", "health_talks", "donations", "other",
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

const MetricSchema = z.object({
  key: z.enum(METRIC_KEYS),
  name: z.string(),
  short: z.string(),
  unit: z.string(),
  dailyLimit: z.number().positive(),
  named: z.boolean().default(false),
  freeText: z.boolean().default(false),
  money: z.boolean().default(false),
  aliases: z.array(z.string().min(1)).min(1),
});
export type Metric = z.infer<typeof MetricSchema>;

const table = loadTemplate("metrics", z.object({ metrics: z.array(MetricSchema) }));

/** In the form's row order (工作量月统计报告表). */
export const METRICS: readonly Metric[] = table.metrics;
const BY_KEY = new Map(METRICS.map((m) => [m.key, m]));
const missing = METRIC_KEYS.filter((k) => !BY_KEY.has(k));
if (missing.length > 0) throw new Error(`templates/metrics.json lacks metrics: ${missing.join(", ")}`);

export function getMetric(key: MetricKey): Metric {
  return BY_KEY.get(key)!;
}

/** Every alias with its metric, longest first, so 教学查房 wins over 查房 and 查房会诊 over 查房. */
export const ALIASES: readonly { alias: string; metric: Metric }[] = METRICS.flatMap((metric) =>
  metric.aliases.map((alias) => ({ alias: alias.toLowerCase(), metric })),
).sort((a, b) => b.alias.length - a.alias.length);

export function isMetricKey(value: string): value is MetricKey {
  return (METRIC_KEYS as readonly string[]).includes(value);
}
