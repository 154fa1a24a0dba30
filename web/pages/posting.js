// One posting: its facts (with how its arrival was confirmed), what a clerk does to it (confirm the
// arrival, end it, replace the doctor, set its targets), its assessment boxes, and its ledger month by month.
import { get } from "../api.js";
import { h, t, table, time } from "../ui.js";
import { metricName } from "../components/common.js";
import { arrivalPanel } from "../panels/arrival.js";
import { endPanel } from "../panels/end-posting.js";
import { replacePanel } from "../panels/replace-posting.js";
import { targetsPanel } from "../panels/targets.js";
import { assessmentPanel } from "../panels/assessment.js";
import { signersPanel } from "../panels/signers.js";

const month = (day) => day.slice(0, 7);

const arrivalText = (p) => (p.arrival ? t("posting.arrival_full", { on: p.arrival.on, via: t(`arrival.via.${p.arrival.via}`), by: p.arrival.confirmedBy ?? "" }) : t("not_yet"));

function facts(p) {
  const rows = [
    ["col.doctor", p.person.name], ["col.title", p.person.title ?? ""], ["col.department", p.person.department ?? ""], ["col.programme", p.programme],
    ["col.hospital", p.supportingOrg], ["col.clinic", p.recipientOrg], ["col.start", p.startDate ?? p.durationText ?? ""], ["col.end", p.endDate ?? ""],
    ["col.status", t(`status.${p.status}`)], ["col.arrived", arrivalText(p)],
  ];
  return h("div", { class: "panel" }, h("dl", { class: "facts" }, rows.flatMap(([k, v]) => [h("dt", {}, t(k)), h("dd", {}, v)])));
}

function ledgerMonths(me, entries) {
  const months = [...new Set(entries.map((e) => month(e.occurredOn)))];
  const entryRow = (e) => [e.occurredOn, metricName(me, e.metric) + (e.label ? `（${e.label}）` : ""), e.quantity, e.text,
    [t(`source.${e.source}`), e.message ? ` · ${t(`platform.${e.message.platform}`)} #${e.message.id}` : ""].join(""), time(e.recordedAt),
    [e.revokedAt ? t("ledger.revoked", { at: time(e.revokedAt) }) : "", e.lateCorrection ? t("ledger.late") : "", e.reason ?? ""].filter(Boolean).join(" ")];
  if (months.length === 0) return h("p", { class: "muted" }, t("posting.no_entries"));
  return months.map((m) => {
    const rows = entries.filter((e) => month(e.occurredOn) === m);
    return [h("h2", { class: "month" }, m), h("div", { class: "ledger" }, table([t("col.day"), t("col.metric"), t("col.quantity"), t("col.text"), t("col.source"), t("col.recorded"), t("col.note")], rows.map(entryRow), (i) => (rows[i].revokedAt ? "revoked" : undefined)))];
  });
}

export async function render({ me, id, redraw }) {
  const p = await get(`/postings/${encodeURIComponent(id)}`);
  const ledger = await get(`/postings/${encodeURIComponent(id)}/ledger`);
  return [
    h("h1", {}, t("posting.title", { name: p.person.name, clinic: p.recipientOrg })),
    facts(p),
    arrivalPanel(me, p, redraw),
    h("h2", {}, t("posting.targets")),
    targetsPanel(me, p, ledger),
    await assessmentPanel(me, p.id),
    await signersPanel(me, p.id, redraw),
    endPanel(me, p, redraw),
    replacePanel(me, p, redraw),
    h("h2", {}, t("posting.ledger")),
    ledgerMonths(me, ledger.entries),
  ];
}
