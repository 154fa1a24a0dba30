// A list a clerk works from: filters, sorting by any column (a heading pressed once sorts up, twice
// down), pages, and the list as shown exported (XLSX) or printed. The filters, sort and page live in
// the address (history.replaceState), so a reload or a link shows the same list; only the list is
// redrawn when they change, never the page around it.
import { getFile } from "../api.js";
import { h, t, values, save, errorBox } from "../ui.js";

/** A filter field: text (matches any part), a select of options, or a date. */
function filterField(f, query) {
  const value = query[f.name] ?? "";
  const input = f.options
    ? h("select", { name: f.name }, h("option", { value: "" }, t("all")), f.options.map((o) => h("option", { value: o.value, selected: value === o.value }, o.label)))
    : h("input", { name: f.name, value, type: f.type ?? "search", size: f.size ?? 10 });
  return h("label", {}, f.label, input);
}

function headings(spec, state, sortBy) {
  return h("tr", {}, spec.columns.map((c) => {
    if (!c.sort) return h("th", {}, c.label);
    const on = state.sort === c.key;
    const order = on ? (state.order === "desc" ? "descending" : "ascending") : "none";
    return h("th", { "data-sort": c.key, "aria-sort": order, class: "sortable", tabindex: "0", onclick: () => sortBy(c.key), onkeydown: (e) => e.key === "Enter" && sortBy(c.key) }, c.label, on ? (state.order === "desc" ? " ▼" : " ▲") : "");
  }));
}

/**
 * spec: { id, path (the page's address, or null), filters: [{ name, label, options?, type? }], columns: [{ key,
 * label, sort?, cell(row) }], load(query) → { items, total, page, pageSize }, exportFile?(query) → path }.
 */
export function list(spec, query) {
  const state = { ...query };
  const body = h("div", { id: spec.id, class: "list" });
  const status = h("div", { class: "list-status" });
  // One list per page keeps its state in the address (spec.path); a second one on the page (path: null) does not.
  const remember = () => spec.path && history.replaceState(null, "", `#/${spec.path}?${new URLSearchParams(Object.entries(state).filter(([, v]) => v))}`);
  let drawn = false;
  // A redraw says the page is busy until the list is drawn, as the router does for a page.
  const draw = async () => {
    if (drawn) document.body.dataset.ready = "";
    remember();
    body.setAttribute("aria-busy", "true");
    try {
      const r = await spec.load(state);
      const pages = Math.max(1, Math.ceil(r.total / r.pageSize));
      const turn = (p) => h("button", { type: "button", class: "plain", "data-page": p, onclick: () => { state.page = String(p); void draw(); } }, t(p < r.page ? "prev" : "next"));
      body.replaceChildren(
        h("p", { class: "muted" }, t("list.count", { total: r.total })),
        h("div", { class: "panel" }, h("table", {}, h("thead", {}, headings(spec, state, sortBy)),
          h("tbody", {}, r.items.map((row) => h("tr", {}, spec.columns.map((c) => h("td", { "data-col": c.key }, c.cell(row)))))))),
        h("p", { class: "pager" }, r.page > 1 ? turn(r.page - 1) : "", ` ${r.page} / ${pages} `, r.page < pages ? turn(r.page + 1) : ""));
    } catch (error) { body.replaceChildren(errorBox(error)); }
    body.removeAttribute("aria-busy");
    if (drawn) document.body.dataset.ready = "1";
    drawn = true;
  };
  function sortBy(key) {
    state.order = state.sort === key && state.order !== "desc" ? "desc" : "asc";
    state.sort = key;
    state.page = "1";
    void draw();
  }
  const form = h("form", { class: "filters", id: `${spec.id.replace(/-list$/, "")}-filter`, onsubmit: (e) => {
    e.preventDefault();
    for (const f of spec.filters) state[f.name] = values(e.target)[f.name] ?? "";
    state.page = "1";
    void draw();
  } }, spec.filters.map((f) => filterField(f, query)), h("button", { type: "submit" }, t("filter")));
  const tools = h("p", { class: "tools" },
    spec.exportFile ? h("button", { type: "button", class: "plain", id: `${spec.id.replace(/-list$/, "")}-export`, onclick: async () => {
      try {
        const { blob, name } = await getFile(spec.exportFile, { ...state, page: undefined, pageSize: undefined });
        save(blob, name);
        status.replaceChildren();
      } catch (error) { status.replaceChildren(errorBox(error)); }
    } }, t("list.export")) : "",
    h("button", { type: "button", class: "plain", onclick: () => window.print() }, t("list.print")));
  const ready = draw();
  return { nodes: [form, tools, status, body], ready, refresh: draw };
}
