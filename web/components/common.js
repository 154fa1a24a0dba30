// Small pieces more than one page draws: a metric's name, links to a posting, a form's status line.
import { h, t, errorBox } from "../ui.js";

export const metricName = (me, key) => me.metrics.find((m) => m.key === key)?.name ?? key;
export const link = (href, text) => h("a", { href }, text);
export const postingLink = (id, text) => link(`#/posting/${id}`, text);
export const bureau = (me) => me.admin || me.orgKind === "authority";

/** A status line under a form: `ok(text)` or `fail(error)`. */
export function statusLine(attrs = {}) {
  const el = h("p", { ...attrs, "aria-live": "polite" });
  return { el, ok: (text) => el.replaceChildren(h("span", { class: "ok" }, text)), fail: (error) => el.replaceChildren(errorBox(error)), clear: () => el.replaceChildren() };
}

/** A labelled field. */
export const field = (label, input) => h("label", {}, label, input);
