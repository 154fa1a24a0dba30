// 项目规则: a programme's rules as its document words them, and for the bureau the editor: each rule a
// field, checked by the same rules as `programme apply`, a refusal shown next to the field it names.
// The JSON view edits the structure (a target added or removed) and is saved the same way.
import { get, post } from "../api.js";
import { h, t } from "../ui.js";
import { bureau, statusLine } from "../components/common.js";
import { jsonForm, useMetrics } from "../components/json-form.js";

function editor(p, redraw) {
  const status = statusLine({ id: "rules-status" });
  const rules = p.rules ?? { name: p.name };
  const form = jsonForm(rules);
  const raw = h("textarea", { name: "rules", spellcheck: "false", hidden: true }, JSON.stringify(rules, null, 2));
  let asJson = false;
  const toggle = h("button", { type: "button", class: "plain", id: "rules-json", onclick: () => {
    asJson = !asJson;
    if (asJson) raw.value = JSON.stringify(form.valueOf(), null, 2);
    raw.hidden = !asJson;
    form.el.hidden = asJson;
    toggle.textContent = t(asJson ? "rules.as_form" : "rules.as_json");
  } }, t("rules.as_json"));
  const save = h("form", { id: "rules-form", novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    let body;
    try { body = asJson ? JSON.parse(raw.value) : form.valueOf(); } catch (err) { return status.fail(new Error(t("rules.not_json", { detail: err.message }))); }
    try {
      const r = await post("/programmes", body);
      form.showIssues([]);
      status.ok(t("rules.saved", { name: r.name }));
      if (asJson) await redraw();
    } catch (err) {
      const unplaced = asJson ? err.issues ?? [] : form.showIssues(err.issues ?? []);
      status.fail(err.issues?.length ? new Error(t("rules.refused", { count: err.issues.length })) : err);
      if (unplaced.length) status.el.append(h("ul", {}, unplaced.map((i) => h("li", { class: "error" }, `${i.path || t("rules.whole")}：${i.message}`))));
    }
  } }, form.el, raw, h("p", { class: "tools" }, h("button", { type: "submit" }, t("rules.save")), toggle));
  return [h("h2", {}, t("rules.edit")), h("p", { class: "muted" }, t("rules.edit_how")), save, status.el];
}

export async function render({ me, query, redraw }) {
  useMetrics(me.metrics);
  const { items: programmes } = await get("/programmes");
  const name = query.programme ?? programmes[0]?.name;
  if (!name) return [h("h1", {}, t("rules.title")), h("p", { class: "muted" }, t("rules.none"))];
  const pick = h("form", { class: "filters", onchange: (e) => (location.hash = `#/rules?programme=${encodeURIComponent(e.target.value)}`) },
    h("label", {}, t("col.programme"), h("select", { name: "programme" }, programmes.map((p) => h("option", { value: p.name, selected: p.name === name }, p.name)))));
  const p = await get(`/programmes/${encodeURIComponent(name)}`);
  return [
    h("h1", {}, t("rules.title")), pick,
    p.rules ? h("div", { class: "panel" }, p.text.map((line) => h("p", {}, line))) : h("p", { class: "muted" }, t("rules.not_applied")),
    bureau(me) ? editor(p, redraw) : "",
  ];
}
