// 报表: the official forms downloaded as XLSX or CSV, each asking only for what it needs (月份 for the
// monthly form, 季度 for the quarterly; 单位 narrows any); a refusal (a mistyped 单位) is shown in the
// API's words. Below, the programme's filings (报送事项).
import { get, getFile } from "../api.js";
import { h, t, values, save } from "../ui.js";
import { field, statusLine } from "../components/common.js";
import { filingsPanel } from "../panels/filings.js";

const FORMS = ["monthly", "quarterly", "roster", "assessment"];
/** Which period field each form asks for: the assessment forms of the postings ending in a quarter, not every one. */
const PERIOD_OF = { monthly: "month", quarterly: "quarter", assessment: "quarter" };

function reportForm(me, programmes) {
  const [y, m] = me.today.split("-");
  const status = statusLine({ id: "report-status" });
  const period = {
    month: field(t("reports.month"), h("input", { name: "month", value: `${y}-${m}`, pattern: "\\d{4}-\\d{2}", size: 8 })),
    quarter: field(t("reports.quarter"), h("input", { name: "quarter", value: `${y}Q${Math.ceil(Number(m) / 3)}`, pattern: "\\d{4}Q[1-4]", size: 7 })),
  };
  const hint = h("p", { class: "muted", hidden: true }, t("reports.assessment_how"));
  const showPeriod = (form) => {
    for (const [k, el] of Object.entries(period)) el.hidden = PERIOD_OF[form] !== k;
    hint.hidden = form !== "assessment";
  };
  const form = h("form", { class: "filters", id: "report-form", onsubmit: async (e) => {
    e.preventDefault();
    const v = values(e.target);
    const q = { format: v.format, programme: v.programme || undefined, org: v.org || undefined, [PERIOD_OF[v.form]]: PERIOD_OF[v.form] && v[PERIOD_OF[v.form]] };
    status.el.replaceChildren(h("span", { class: "muted" }, t("reports.making")));
    try {
      const { blob, name } = await getFile(`/exports/${v.form}`, q);
      save(blob, name);
      status.ok(t("reports.saved", { name }));
    } catch (err) { status.fail(err); }
  }, onchange: (e) => e.target.name === "form" && showPeriod(e.target.value) },
  field(t("reports.form"), h("select", { name: "form" }, FORMS.map((f) => h("option", { value: f }, t(`form.${f}`))))),
  period.month, period.quarter,
  field(t("col.programme"), h("select", { name: "programme" }, h("option", { value: "" }, t("all")), programmes.map((p) => h("option", { value: p.name }, p.name)))),
  field(t("reports.org"), h("input", { name: "org", size: 12 })),
  field(t("reports.format"), h("select", { name: "format" }, h("option", { value: "xlsx" }, "XLSX"), h("option", { value: "csv" }, "CSV"))),
  h("button", { type: "submit" }, t("reports.make")));
  showPeriod(FORMS[0]);
  return [form, hint, status.el];
}

export async function render({ me }) {
  const { items: programmes } = await get("/programmes");
  return [h("h1", {}, t("reports.title")), h("p", { class: "muted" }, t("reports.how")), reportForm(me, programmes), await filingsPanel(me, programmes)];
}
