// A posting's assessment form on its page: the programme's form, each box with who signs it now, and,
// for the bureau, which county each side lies in (所在区县), which decides whose bureau signs which box.
import { get, getFile, post } from "../api.js";
import { h, t, table, time, values, errorBox, save } from "../ui.js";

function boxRows(a) {
  return a.form.boxes.map((b) => {
    const done = a.signoffs[b.signer];
    const state = done ? `${t(`opinion.${done.opinion}`)} · ${done.by} · ${time(done.at)}` : a.next === b.signer ? t("assessment.waiting", { who: b.signers.join("、") || t("nobody") }) : b.signers.join("、") || t("nobody");
    return [b.label, b.party, state];
  });
}

function countyForm(a, shown) {
  const status = h("p", {});
  const field = (side) => h("label", {}, t(`posting.county.${side}`, { org: a.parties[side].name }), h("input", { name: side, value: a.parties[side].county ?? "", placeholder: a.region ?? "", size: 10 }));
  const form = h("form", { class: "filters", id: "county-form", onsubmit: async (e) => {
    e.preventDefault();
    const v = values(e.target);
    try {
      for (const side of ["supporting", "recipient"]) {
        if ((v[side] || null) !== a.parties[side].county) await post(`/organizations/${a.parties[side].id}/county`, { county: v[side] || null });
      }
      const fresh = await get(`/postings/${a.postingId}/assessment`);
      Object.assign(a, fresh);
      shown.replaceChildren(table([t("assessment.box"), t("assessment.party"), t("assessment.state")], boxRows(fresh)));
      status.replaceChildren(h("span", { class: "ok" }, t("posting.county_saved")));
    } catch (err) { status.replaceChildren(errorBox(err)); }
  } }, field("supporting"), field("recipient"), h("button", { type: "submit" }, t("posting.county_save")));
  return [h("p", { class: "muted" }, t("posting.county_how")), form, status];
}

export async function assessmentPanel(me, postingId) {
  const a = await get(`/postings/${postingId}/assessment`);
  const shown = h("div", { id: "posting-boxes" }, table([t("assessment.box"), t("assessment.party"), t("assessment.state")], boxRows(a)));
  const bureau = me.admin || me.orgKind === "authority";
  const status = h("span", {});
  const download = h("button", { type: "button", class: "plain", id: "assessment-download", onclick: async () => {
    try {
      const { blob, name } = await getFile("/exports/assessment", { posting: postingId });
      save(blob, name);
    } catch (err) { status.replaceChildren(errorBox(err)); }
  } }, t("posting.assessment_download"));
  return [h("h2", {}, t("posting.assessment", { form: a.form.name })), shown, h("p", { class: "tools" }, download, status), ...(bureau ? countyForm(a, shown) : [])];
}
