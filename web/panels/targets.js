// A posting's targets with the level each was set at, and (for those who may change the posting) its
// own targets' form (每名支援队员的工作目标).
import { get, post } from "../api.js";
import { h, t, table, values } from "../ui.js";
import { metricName, statusLine } from "../components/common.js";

const PERIODS = ["week", "month", "half_year", "year", "posting"];
const targetRows = (me, targets) => table([t("col.metric"), t("col.window"), t("col.done"), t("col.minimum"), t("col.target_level")],
  targets.map((x) => [metricName(me, x.metric), `${x.from} ~ ${x.to}`, x.done, x.minimum, t(`target_level.${x.level ?? "programme"}`)]));

export function targetsPanel(me, p, ledger) {
  const shown = h("div", { id: "posting-targets" }, targetRows(me, ledger.targets));
  if (!(me.admin || me.orgKind === "authority" || me.orgKind === "supporting")) return [shown];
  const status = statusLine();
  const form = h("form", { class: "filters", id: "posting-target-form", onsubmit: async (e) => {
    e.preventDefault();
    const v = values(e.target);
    try {
      await post(`/postings/${p.id}/targets`, { targets: [{ metric: v.metric, minimum: Number(v.minimum), period: v.period }] });
      shown.replaceChildren(targetRows(me, (await get(`/postings/${p.id}/ledger`)).targets));
      status.ok(t("posting.target_saved"));
    } catch (err) { status.fail(err); }
  } },
  h("label", {}, t("col.metric"), h("select", { name: "metric" }, me.metrics.map((m) => h("option", { value: m.key }, m.name)))),
  h("label", {}, t("col.minimum"), h("input", { name: "minimum", type: "number", min: "1", step: "1", required: true, size: 4 })),
  h("label", {}, t("col.period"), h("select", { name: "period" }, PERIODS.map((x) => h("option", { value: x }, t(`period.${x}`))))),
  h("button", { type: "submit" }, t("posting.set_target")));
  return [shown, h("p", { class: "muted" }, t("posting.target_how")), form, status.el];
}
