// 派驻: the postings in scope as a list a clerk works from: any part of a doctor's, hospital's or
// clinic's name, status, programme and day in force; sorted by any column; exported or printed as shown.
import { get } from "../api.js";
import { h, t } from "../ui.js";
import { list } from "../components/list.js";
import { metricName, postingLink } from "../components/common.js";
import { remindButton } from "../components/remind.js";

const STATUSES = ["planned", "arrived", "ended", "replaced"];
const options = (names) => names.map((n) => ({ value: n, label: n }));

/** 讲座 3/5 · 查房 8/10: each target in its current period, the ones behind marked. */
const progressCell = (me, progress) => h("span", { class: "progress" }, progress.flatMap((x, i) => [i ? " · " : "", h("span", { class: x.done < x.minimum ? "warn" : "ok", title: t(`period.${x.period}`) }, `${metricName(me, x.metric)} ${x.done}/${x.minimum}`)]));

const open = (p) => p.status === "arrived" || p.status === "planned";

export async function render({ me, query }) {
  const mayRemind = me.admin || me.orgKind === "authority" || me.orgKind === "supporting";
  const [{ items: programmes }, orgs] = await Promise.all([get("/programmes"), get("/organizations")]);
  const arrival = (p) => (p.arrival ? t("posting.arrival_short", { on: p.arrival.on, via: t(`arrival.via.${p.arrival.via}`) }) : "");
  const shown = list({
    id: "postings-list", path: "postings",
    filters: [
      { name: "person", label: t("col.doctor"), size: 8 },
      { name: "supportingOrg", label: t("col.hospital"), options: options(orgs.supporting) },
      { name: "recipientOrg", label: t("col.clinic"), size: 12 },
      { name: "status", label: t("col.status"), options: STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
      { name: "programme", label: t("col.programme"), options: options(programmes.map((p) => p.name)) },
      { name: "activeOn", label: t("col.active_on"), type: "date" },
      { name: "reportMonth", label: t("postings.report_month"), type: "month" },
      { name: "reported", label: t("postings.reported"), options: ["yes", "no"].map((v) => ({ value: v, label: t(`postings.reported.${v}`) })) },
    ],
    columns: [
      { key: "person", label: t("col.doctor"), sort: true, cell: (p) => postingLink(p.id, p.person.name) },
      { key: "supportingOrg", label: t("col.hospital"), sort: true, cell: (p) => p.supportingOrg },
      { key: "recipientOrg", label: t("col.clinic"), sort: true, cell: (p) => p.recipientOrg },
      { key: "startDate", label: t("col.start"), sort: true, cell: (p) => p.startDate ?? p.durationText ?? "" },
      { key: "endDate", label: t("col.end"), sort: true, cell: (p) => p.endDate ?? "" },
      { key: "status", label: t("col.status"), sort: true, cell: (p) => t(`status.${p.status}`) },
      { key: "arrival", label: t("col.arrived"), cell: arrival },
      { key: "progress", label: t("postings.progress"), cell: (p) => progressCell(me, p.progress ?? []) },
      { key: "lastReport", label: t("col.last_report"), cell: (p) => p.lastReportOn ?? (open(p) ? t("never") : "") },
      { key: "monthReport", label: t("postings.month_report"), cell: (p) => (p.reportSubmittedAt === undefined ? "" : p.reportSubmittedAt ? t("postings.reported.yes") : t("postings.reported.no")) },
      { key: "remind", label: "", cell: (p) => (mayRemind && open(p) ? remindButton({ postingId: p.id }) : "") },
    ],
    load: (q) => get("/postings", { ...q, pageSize: 50 }),
    exportFile: "/postings/export",
  }, query);
  await shown.ready;
  return [h("h1", {}, t("postings.title")), shown.nodes];
}
