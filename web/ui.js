// Building the page from data: elements are made with textContent only (no HTML from data), and every
// word comes from the server's templates (words.json).
let words = {};

export async function loadWords() {
  words = await (await fetch("/console/assets/words.json")).json();
}

/** A word by key, with {name} places filled. */
export function t(key, vars = {}) {
  const text = words[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, k) => (vars[k] === undefined ? whole : String(vars[k])));
}

/** An element: h("a", { href: "#/" }, "text", child, …). Children nest in lists to any depth (a list
 * flattened one level only once turned a page's elements into "[object HTMLHeadingElement]" text). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** A table from column headings and rows (arrays of cells); `rowClass` marks a row (a revoked entry). */
export function table(headings, rows, rowClass = () => undefined) {
  if (rows.length === 0) return h("p", { class: "muted" }, t("empty"));
  return h("div", { class: "panel" }, h("table", {}, h("thead", {}, h("tr", {}, headings.map((x) => h("th", {}, x)))),
    h("tbody", {}, rows.map((r, i) => h("tr", { class: rowClass(i) }, r.map((c) => h("td", {}, c)))))));
}

export const time = (iso) => (iso ? new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "");

/** A form's fields as an object. */
export const values = (form) => Object.fromEntries(new FormData(form).entries());

/** Saves a file the page holds (a blob) under its name, as a download link pressed would. */
export function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function errorBox(error) {
  return h("p", { class: "error", role: "alert" }, error.message);
}
