// A JSON document (a programme's rules) as a form: an object is a group of labelled fields, a list a
// numbered group, each value an input of its type. Every input knows its path (targets.0.minimum), so
// the API's refusals, which name the path, are shown next to the field they are about. Structure
// (adding a target) is changed in the JSON view, which the same save reads.
import { h, t } from "../ui.js";

const label = (key) => (/^\d+$/.test(key) ? t("rules.item", { n: Number(key) + 1 }) : t(`rules.field.${key}`) === `rules.field.${key}` ? key : t(`rules.field.${key}`));

/** Fields whose values are one of a few words: a choice in Chinese, not an English code to type. */
const CHOICES = {
  level: ["refuse", "warn"], period: ["week", "month", "half_year", "year", "posting"], per: ["year", "half_year", "cycle"],
  visitor: ["bureau", "hospital_leader", "dept_head"], approver: ["clinic_contact", "hospital_leader", "bureau"], of: ["clinic", "hospital"],
  every: ["quarter", "half_year", "year_q4", "year_start"], roster: ["annex3", "relations", "list"],
};
let metricChoices = [];
/** The metrics' keys and names (the console's /me), offered for a target's metric. */
export const useMetrics = (metrics) => void (metricChoices = metrics);

function choice(path, key, value) {
  const options = key === "metric" ? metricChoices.map((m) => [m.key, m.name]) : CHOICES[key].map((v) => [v, t(`rules.value.${v}`)]);
  if (!options.some(([v]) => v === value)) options.unshift([value, value]);
  return h("select", { "data-path": path, "data-type": "string" }, options.map(([v, name]) => h("option", { value: v, selected: v === value }, name)));
}

function leaf(path, value) {
  const key = path.split(".").at(-1);
  if (typeof value === "string" && (CHOICES[key] || (key === "metric" && metricChoices.length))) return choice(path, key, value);
  if (typeof value === "boolean") return h("input", { type: "checkbox", "data-path": path, "data-type": "boolean", checked: value });
  if (typeof value === "number") return h("input", { type: "number", step: "any", "data-path": path, "data-type": "number", value: String(value), size: 6 });
  const long = typeof value === "string" && value.length > 40;
  return long ? h("textarea", { "data-path": path, "data-type": "string", rows: 2, class: "short" }, value) : h("input", { "data-path": path, "data-type": value === null ? "null" : "string", value: value ?? "", size: 24 });
}

function node(key, path, value) {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    return h("fieldset", { "data-path": path }, key === null ? "" : h("legend", {}, label(key)), entries.map(([k, v]) => node(k, path ? `${path}.${k}` : k, v)));
  }
  return h("label", { class: "json-field", "data-field": path }, label(key), leaf(path, value));
}

const read = (el) => {
  const type = el.dataset.type;
  if (type === "boolean") return el.checked;
  if (type === "number") return el.value === "" ? null : Number(el.value);
  if (type === "null") return el.value === "" ? null : el.value;
  return el.value;
};

/** The form of `value`, and reading it back: the same shape, with each input's value in its place. */
export function jsonForm(value) {
  const el = h("div", { class: "json-form" }, node(null, "", value));
  const valueOf = () => {
    const copy = structuredClone(value);
    for (const input of el.querySelectorAll("[data-path][data-type]")) {
      const keys = input.dataset.path.split(".");
      const parent = keys.slice(0, -1).reduce((o, k) => o[k], copy);
      parent[keys.at(-1)] = read(input);
    }
    return copy;
  };
  /** Each refusal next to its field (or the nearest group that holds it); those with no place are returned. */
  const showIssues = (issues) => {
    for (const old of el.querySelectorAll(".field-error")) old.remove();
    for (const old of el.querySelectorAll("[aria-invalid]")) old.removeAttribute("aria-invalid");
    const unplaced = [];
    for (const issue of issues) {
      let path = issue.path;
      let at = null;
      while (!(at = el.querySelector(`[data-field="${CSS.escape(path)}"], fieldset[data-path="${CSS.escape(path)}"]`)) && path.includes(".")) path = path.slice(0, path.lastIndexOf("."));
      if (!at || !path) { unplaced.push(issue); continue; }
      at.querySelector("[data-path]")?.setAttribute("aria-invalid", "true");
      const message = h("span", { class: "field-error error", role: "alert", "data-error-for": issue.path }, issue.path === path ? issue.message : `${issue.path}：${issue.message}`);
      if (at.tagName === "FIELDSET") at.querySelector("legend")?.after(message) ?? at.prepend(message);
      else at.append(message);
    }
    return unplaced;
  };
  return { el, valueOf, showIssues };
}
