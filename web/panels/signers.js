// On a posting's page, for the bureau: 签署人与审批人, who signs each box of the assessment and who
// approves leave. Where nobody is registered (科左中旗's roster names no clinic contact) the clerk names
// them where they belong, and can give them a one-time sign-in link to sign in the console.
import { get, post } from "../api.js";
import { h, t, table, values } from "../ui.js";
import { bureau, statusLine } from "../components/common.js";

function linkButton(person, out) {
  return h("button", { type: "button", class: "plain", "data-link-for": person.id, onclick: async () => {
    try {
      const r = await post(`/people/${person.id}/login-link`);
      out.replaceChildren(h("p", { class: "ok" }, t("signers.link_made", { name: r.name, minutes: r.minutes })), h("pre", { class: "login-link" }, `${location.origin}${r.path}`));
    } catch (err) { out.replaceChildren(h("p", { class: "error", role: "alert" }, err.message)); }
  } }, t("signers.link"));
}

/** A missing signatory's form: their name and phone, at the seat's organisation (or a new county bureau, for the admin). */
function nameForm(me, seat, redraw, status) {
  const newBureau = !seat.organizationId;
  if (newBureau && !me.admin) return h("span", { class: "muted" }, t("signers.no_bureau", { county: seat.county ?? t("signers.no_county") }));
  return h("form", { class: "inline name-signer", onsubmit: async (e) => {
    e.preventDefault();
    const v = values(e.target);
    const body = { name: v.name, role: seat.role, phone: v.phone || undefined, ...(newBureau ? { bureau: { name: v.org, region: seat.county } } : { organizationId: seat.organizationId }) };
    try { await post("/people", body); await redraw(); } catch (err) { status.fail(err); }
  } },
  newBureau ? h("input", { name: "org", required: true, size: 12, placeholder: t("signers.bureau_name", { county: seat.county ?? "" }) }) : "",
  h("input", { name: "name", required: true, minlength: 2, size: 6, placeholder: t("signers.name") }),
  h("input", { name: "phone", size: 11, pattern: "[0-9+\\-]{5,20}", placeholder: t("signers.phone") }),
  h("button", { type: "submit" }, t("signers.add")));
}

export async function signersPanel(me, postingId, redraw) {
  if (!bureau(me)) return [];
  const s = await get(`/postings/${postingId}/signatories`);
  const status = statusLine();
  const links = h("div", { id: "signer-links" });
  const row = (label, seat) => [label, seat.organization ?? t("signers.county_bureau", { county: seat.county ?? t("signers.no_county") }), t(`role.${seat.role}`),
    seat.people.length ? h("span", {}, seat.people.map((p) => h("span", { class: "signer" }, p.name, " ", linkButton(p, links)))) : nameForm(me, seat, redraw, status)];
  return [h("h2", {}, t("signers.title")), h("p", { class: "muted" }, t("signers.how")),
    h("div", { id: "signers" }, table([t("signers.for"), t("col.org"), t("col.role"), t("signers.who")],
      [...s.boxes.map((b) => row(b.label, b)), row(t("signers.leave"), s.leave)])), status.el, links];
}
