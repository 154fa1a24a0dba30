// On an open posting's page: replacing its doctor, with the approvals the programme asks. Where its
// document asks the supporting hospital first (渝北: 经支援单位领导同意), the hospital records its
// agreement here; then the bureau names the new doctor with its approval (文号 or note).
import { post } from "../api.js";
import { h, t, values } from "../ui.js";
import { field, statusLine } from "../components/common.js";

function hospitalForm(p, status, redraw) {
  return h("form", { class: "filters", id: "replace-approve-form", onsubmit: async (e) => {
    e.preventDefault();
    try {
      await post(`/postings/${p.id}/replace/approve`, values(e.target));
      status.ok(t("replace.agreed"));
      await redraw();
    } catch (err) { status.fail(err); }
  } }, field(t("replace.agree_note"), h("input", { name: "note", required: true, minlength: 2, maxlength: 500, size: 24 })), h("button", { type: "submit" }, t("replace.agree")));
}

function bureauForm(me, p, status, redraw) {
  return h("form", { class: "filters", id: "replace-form", onsubmit: async (e) => {
    e.preventDefault();
    const v = values(e.target);
    const person = Object.fromEntries(Object.entries({ name: v.name, department: v.department, title: v.title, phone: v.phone }).filter(([, x]) => x));
    try {
      const r = await post(`/postings/${p.id}/replace`, { person, startDate: v.startDate, endDate: v.endDate || undefined, approvalNote: v.approvalNote });
      location.hash = `#/posting/${r.replacement.id}`;
    } catch (err) { status.fail(err); }
  } },
  field(t("replace.name"), h("input", { name: "name", required: true, maxlength: 50, size: 8 })),
  field(t("col.department"), h("input", { name: "department", maxlength: 50, size: 8, value: p.person.department ?? "" })),
  field(t("col.title"), h("input", { name: "title", maxlength: 30, size: 8 })),
  field(t("replace.phone"), h("input", { name: "phone", pattern: "[0-9+\\-]{5,20}", size: 12 })),
  field(t("col.start"), h("input", { name: "startDate", type: "date", required: true, value: me.today })),
  field(t("col.end"), h("input", { name: "endDate", type: "date", value: p.endDate ?? "" })),
  field(t("replace.approval"), h("input", { name: "approvalNote", required: true, minlength: 2, maxlength: 500, size: 20 })),
  h("button", { type: "submit" }, t("replace.button")));
}

export function replacePanel(me, p, redraw) {
  const open = p.status === "planned" || p.status === "arrived";
  const hospital = me.orgKind === "supporting";
  const bureau = me.admin || me.orgKind === "authority";
  if (!open || !(hospital || bureau)) return [];
  const status = statusLine();
  return [h("h2", {}, t("replace.title")), h("p", { class: "muted" }, t("replace.how")),
    hospital || me.admin ? hospitalForm(p, status, redraw) : "", bureau ? bureauForm(me, p, status, redraw) : "", status.el];
}
