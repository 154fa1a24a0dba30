// 项目规则: a programme's rules as its document words them, and for the bureau the editor, checked by
// the same rules as `programme apply` (a refusal names the field it is about).
import { get, post } from "../api.js";
import { h, t } from "../ui.js";
import { bureau, statusLine } from "../components/common.js";

function editor(p) {
  const status = statusLine({ id: "rules-status" });
  const text = h("textarea", { name: "rules", spellcheck: "false" }, p.rules ? JSON.stringify(p.rules, null, 2) : "");
  const save = h("form", { id: "rules-form", onsubmit: async (e) => {
    e.preventDefault();
    let body;
    try { body = JSON.parse(text.value); } catch (err) { return status.fail(new Error(t("rules.not_json", { detail: err.message }))); }
    try {
      const r = await post("/programmes", body);
      status.ok(t("rules.saved", { name: r.name }));
    } catch (err) { status.fail(err); }
  } }, text, h("button", { type: "submit" }, t("rules.save")));
  return [h("h2", {}, t("rules.edit")), h("p", { class: "muted" }, t("rules.edit_how")), save, status.el];
}

export async function render({ me, query }) {
  const { items: programmes } = await get("/programmes");
  const name = query.programme ?? programmes[0]?.name;
  if (!name) return [h("h1", {}, t("rules.title")), h("p", { class: "muted" }, t("rules.none"))];
  const pick = h("form", { class: "filters", onchange: (e) => (location.hash = `#/rules?programme=${encodeURIComponent(e.target.value)}`) },
    h("label", {}, t("col.programme"), h("select", { name: "programme" }, programmes.map((p) => h("option", { value: p.name, selected: p.name === name }, p.name)))));
  const p = await get(`/programmes/${encodeURIComponent(name)}`);
  return [
    h("h1", {}, t("rules.title")), pick,
    p.rules ? h("div", { class: "panel" }, p.text.map((line) => h("p", {}, line))) : h("p", { class: "muted" }, t("rules.not_applied")),
    bureau(me) ? editor(p) : "",
  ];
}
