// A target's completion as a form states it: one period (the posting, or a half-year cycle) as
// `7/5（每半年）已完成`, several (weeks, months) as `18/26 周达标（每周≥3）`.
import type { TargetCompletion } from "../services/targets/measure-completion.js";
import { formatQuantity } from "../templates/phrases.js";
import { fill } from "../templates/render.js";
import { FORMS } from "./layout.js";

const C = FORMS.completion;
const A = FORMS.assessment;

export function completionText(t: TargetCompletion): string {
  const period = A.periods[t.period];
  if (t.judged === 0) return C.none;
  if (t.judged === 1) {
    const [only] = t.periods;
    return fill(C.one, { done: formatQuantity(only.done), minimum: formatQuantity(t.minimum), period, result: only.met ? A.met : A.notMet });
  }
  return fill(C.many, { met: t.met, judged: t.judged, unit: C.units[t.period], period, minimum: formatQuantity(t.minimum) });
}
