// 考核: the assessments in scope, who signed each box and whose signature is due; the signed-in signer
// signs theirs here, with the opinions the programme's form prints.
import { get, post } from "../api.js";
import { h, t, table, time } from "../ui.js";
import { postingLink, statusLine } from "../components/common.js";

const STEPS = ["clinic", "recipient_bureau", "supporting", "supporting_bureau"];

export async function render({ redraw }) {
  const { items } = await get("/assessments");
  const status = statusLine();
  // Each programme's form has its own boxes and scale (优秀 where it prints it); a step it has not is "—".
  const sign = (a) => a.form.opinions.map((o, i) => h("button", { type: "button", class: i === 0 ? undefined : "plain", "data-opinion": o, onclick: async () => {
    try {
      await post(`/postings/${a.postingId}/assessment/sign`, { opinion: o });
      history.replaceState(null, "", `#/assessments?signed=${a.postingId}`);
      await redraw();
    } catch (err) { status.fail(err); }
  } }, t(`opinion.${o}`)));
  const stepCell = (a, s) => {
    const done = a.signoffs[s];
    if (!a.form.boxes.some((b) => b.signer === s)) return t("assessment.no_box");
    if (done) return `${t(`opinion.${done.opinion}`)} · ${done.by} · ${time(done.at)}`;
    if (a.next === s) return a.mine ? h("span", { class: "sign" }, sign(a)) : t("assessment.waiting", { who: a.signers.join("、") || t("nobody") });
    return "";
  };
  return [
    h("h1", {}, t("assessments.title")), status.el,
    table([t("col.doctor"), t("col.clinic"), t("assessments.summary"), ...STEPS.map((s) => t(`step.${s}`))],
      items.map((a) => [postingLink(a.postingId, a.doctor), a.clinic, a.summary ?? t("assessments.no_summary"), ...STEPS.map((s) => stepCell(a, s))])),
  ];
}
