// On a planned posting's page, for the bureau and the posting hospital: 确认到岗 heard of outside the
// card (a clinic with no contact on the roster phones the bureau), with the day, how and who said so.
import { post } from "../api.js";
import { h, t, values } from "../ui.js";
import { field, statusLine } from "../components/common.js";

const VIAS = ["phone", "visit", "document"];

export function arrivalPanel(me, p, redraw) {
  if (p.status !== "planned" || !(me.admin || me.orgKind === "authority" || me.orgKind === "supporting")) return [];
  const status = statusLine();
  const form = h("form", { class: "filters", id: "arrival-form", onsubmit: async (e) => {
    e.preventDefault();
    try {
      await post(`/postings/${p.id}/arrival`, values(e.target));
      await redraw();
    } catch (err) { status.fail(err); }
  } },
  field(t("arrival.on"), h("input", { name: "arrivedOn", type: "date", required: true, max: me.today, value: p.startDate && p.startDate <= me.today ? p.startDate : me.today })),
  field(t("arrival.via"), h("select", { name: "via" }, VIAS.map((v) => h("option", { value: v }, t(`arrival.via.${v}`))))),
  field(t("arrival.confirmed_by"), h("input", { name: "confirmedBy", required: true, minlength: 2, maxlength: 60, size: 16, placeholder: t("arrival.confirmed_by_hint") })),
  h("button", { type: "submit" }, t("arrival.confirm")));
  return [h("h2", {}, t("arrival.title")), h("p", { class: "muted" }, t("arrival.how")), form, status.el];
}
