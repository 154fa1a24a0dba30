// A programme's reports and filings (报送事项) on the 报表 page: each with its due date and state
// (待报送, 已逾期, 已报送); the bureau marks one 已报送 with a note, as `filings mark` does.
import { get, post } from "../api.js";
import { h, t, table, time, values, errorBox } from "../ui.js";

function markForm(f, refresh) {
  const status = h("span", {});
  return h("form", { class: "mark-filed", onsubmit: async (e) => {
    e.preventDefault();
    try {
      await post(`/filings/${f.id}/filed`, { note: values(e.target).note });
      await refresh();
    } catch (err) { status.replaceChildren(errorBox(err)); }
  } }, h("input", { name: "note", required: true, maxlength: 500, size: 14, placeholder: t("filings.note") }), h("button", { type: "submit" }, t("filings.mark")), status);
}

function rows(items, bureau, refresh) {
  return items.map((f) => [f.title, f.dueOn, h("span", { class: `filing-${f.state}` }, t(`filings.state.${f.state}`)),
    f.filedAt ? `${time(f.filedAt)} · ${f.note ?? ""}` : bureau ? markForm(f, refresh) : ""]);
}

export async function filingsPanel(me, programmes) {
  const shown = h("div", { id: "filings" });
  const bureau = me.admin || me.orgKind === "authority";
  const show = async (name) => {
    if (!name) return shown.replaceChildren();
    const { items } = await get(`/filings?programme=${encodeURIComponent(name)}`);
    shown.replaceChildren(table([t("filings.title_col"), t("filings.due"), t("filings.state_col"), t("filings.filed")], rows(items, bureau, () => show(name))));
  };
  const pick = h("form", { class: "filters", id: "filings-programme", onchange: (e) => show(e.target.value).catch((err) => shown.replaceChildren(errorBox(err))) },
    h("label", {}, t("col.programme"), h("select", { name: "programme" }, programmes.map((p) => h("option", { value: p.name }, p.name)))));
  await show(programmes[0]?.name);
  return [h("h2", {}, t("filings.heading")), h("p", { class: "muted" }, t("filings.how")), pick, shown];
}
