// The allowance a programme's document sets (盐池: 派驻本县域内乡镇卫生院人员每人每年1.5万元; none for city
// community centres): what a span of posting earns, pro-rated by day.
import type { ProgrammeRules } from "./programme.js";

const DAY_MS = 86_400_000;
/**
 * 派驻本县域内乡镇卫生院: a township clinic is a 卫生院 (乡卫生院, 镇中心卫生院). The county hospitals
 * (县人民医院, 县中医医院) that 盐池's programme also supports are not, nor are community centres.
 */
const isTownshipClinic = (clinic: string) => /卫生院/.test(clinic) && !/社区卫生服务/.test(clinic);

/** The yuan a posting earns over the days of [from, to] it covers (0 without an allowance rule). */
export function allowanceFor(rules: ProgrammeRules | undefined, p: { clinic: string; start: string | null; end: string | null }, from: string, to: string): number {
  const rule = rules?.allowance;
  if (!rule || (rule.townshipOnly && !isTownshipClinic(p.clinic))) return 0;
  const start = [p.start ?? from, from].sort().at(-1)!;
  const end = [p.end ?? to, to].sort()[0];
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS + 1;
  return days > 0 ? Math.round((rule.perPersonYearYuan * days) / 365) : 0;
}
