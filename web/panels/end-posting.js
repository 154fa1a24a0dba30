// On an open posting's page, for the bureau and the posting hospital: 结束派驻 on a day, with why.
// The programme's rules judge it (a minimum stay), and their refusal is shown as the API words it.
import { post } from "../api.js";
import { h, t, values } from "../ui.js";
import { field, statusLine } from "../components/common.js";

export function endPanel(me, p, redraw) {
  const open = p.status === "planned" || p.status === "arrived";
  if (!open || !(me.admin || me.orgKind === "authority" || me.orgKind === "supporting")) return [];
  const status = statusLine();
  const form = h("form", { class: "filters", id: "end-form", onsubmit: async (e) => {
    e.preventDefault();
    if (!confirm(t("end.sure", { name: p.person.name }))) return;
    try {
      const v = values(e.target);
      await post(`/postings/${p.id}/end`, { endedOn: v.endedOn, note: v.note || undefined });
      await redraw();
    } catch (err) { status.fail(err); }
  } },
  field(t("end.on"), h("input", { name: "endedOn", type: "date", required: true, value: p.endDate && p.endDate < me.today ? p.endDate : me.today })),
  field(t("end.note"), h("input", { name: "note", maxlength: 500, size: 24 })),
  h("button", { type: "submit", class: "danger" }, t("end.button")));
  return [h("h2", {}, t("end.title")), form, status.el];
}
