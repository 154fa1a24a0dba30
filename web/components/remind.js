// 提醒: a doctor reminded now (the overview's 未填报医生, the postings list); a second press the same day says so.
import { post } from "../api.js";
import { h, t } from "../ui.js";

/** Through the outbox, once a day at most. */
export function remindButton(s) {
  const button = h("button", { type: "button", class: "plain remind", "data-posting": s.postingId, onclick: async () => {
    button.disabled = true;
    try {
      const r = await post(`/postings/${s.postingId}/remind`);
      button.replaceWith(h("span", { class: r.outcome === "queued" ? "ok" : "muted", "data-reminded": s.postingId }, t(`remind.${r.outcome}`)));
    } catch (err) { button.replaceWith(h("span", { class: "error", role: "alert" }, err.message)); }
  } }, t("remind.button"));
  return button;
}

