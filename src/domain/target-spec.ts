// A target as a person writes it, on the command line or in a roster's 工作目标 column:
// `lectures=5/half_year`, or in the roster's words `讲座=5/每半年`. Several are separated by spaces.
import { ALIASES, isMetricKey, type MetricKey } from "./metrics.js";

export const TARGET_PERIODS = ["week", "month", "half_year", "year", "posting"] as const;
export type TargetPeriodKey = (typeof TARGET_PERIODS)[number];
export type TargetSpec = { metric: MetricKey; minimum: number; period: TargetPeriodKey };

const PERIOD_WORDS: Record<string, TargetPeriodKey> = { 每周: "week", 每月: "month", 每半年: "half_year", 半年: "half_year", 每年: "year", 派驻期: "posting", 派驻期内: "posting" };

function metricOf(word: string): MetricKey | undefined {
  if (isMetricKey(word)) return word;
  return ALIASES.find((a) => a.alias === word.toLowerCase())?.metric.key;
}

function periodOf(word: string): TargetPeriodKey | undefined {
  return (TARGET_PERIODS as readonly string[]).includes(word) ? (word as TargetPeriodKey) : PERIOD_WORDS[word];
}

export function parseTargetSpec(spec: string): TargetSpec | undefined {
  const m = /^([^=＝\s]+)[=＝](\d+(?:\.\d+)?)[/／](\S+)$/.exec(spec.trim());
  if (!m) return undefined;
  const [metric, period] = [metricOf(m[1]), periodOf(m[3])];
  const minimum = Number(m[2]);
  return metric && period && minimum > 0 ? { metric, minimum, period } : undefined;
}

/** Every spec of a cell, or the first that cannot be read. */
export function parseTargetSpecs(cell: string): { targets: TargetSpec[] } | { bad: string } {
  const targets: TargetSpec[] = [];
  for (const spec of cell.split(/[\s,，;；]+/).filter(Boolean)) {
    const t = parseTargetSpec(spec);
    if (!t) return { bad: spec };
    targets.push(t);
  }
  return { targets };
}
