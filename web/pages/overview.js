// 总览: the figures of the caller's scope, each linking to the list behind it, and this week against
// last, one small chart per metric so that 诊疗病人's hundreds do not flatten 讲座's few.
import { get } from "../api.js";
import { remindButton } from "../components/remind.js";
import { h, t, table } from "../ui.js";
import { metricName, postingLink } from "../components/common.js";

/** A figure of the overview: its number links to the list behind it. */
const figure = (label, n, href, alert = false) => h("a", { class: `card${alert && n > 0 ? " alert" : ""}`, href, "data-figure": label }, h("span", { class: "n" }, String(n)), h("span", { class: "l" }, t(label)));

/** One grid per metric, each with its own scale and the values written on the bars. */
function chartOption(me, o, keys, columns) {
  const rows = Math.ceil(keys.length / columns);
  const grids = keys.map((_, i) => ({ left: `${(i % columns) * (100 / columns) + 3}%`, width: `${100 / columns - 6}%`, top: `${Math.floor(i / columns) * (100 / rows) + 9}%`, height: `${100 / rows - 16}%`, containLabel: true }));
  const axis = (type, extra) => keys.map((_, i) => ({ type, gridIndex: i, ...extra(i) }));
  return {
    animation: false, tooltip: {},
    title: keys.map((k, i) => ({ text: metricName(me, k), left: grids[i].left, top: `${Math.floor(i / columns) * (100 / rows) + 2}%`, textStyle: { fontSize: 12, fontWeight: "normal" } })),
    grid: grids,
    xAxis: axis("category", () => ({ data: [t("overview.last_week"), t("overview.this_week")], axisLabel: { fontSize: 11 } })),
    yAxis: axis("value", () => ({ minInterval: 1, axisLabel: { fontSize: 10 } })),
    series: keys.map((k, i) => ({ type: "bar", xAxisIndex: i, yAxisIndex: i, barWidth: "40%", label: { show: true, position: "top" }, data: [o.lastWeek[k] ?? 0, o.week[k] ?? 0] })),
  };
}

async function weekChart(me, o, { whenMounted, whenLeft }) {
  const keys = me.metrics.map((m) => m.key).filter((k) => (o.week[k] ?? 0) + (o.lastWeek[k] ?? 0) > 0);
  if (keys.length === 0) return h("p", { class: "muted" }, t("overview.no_reports"));
  const el = h("div", { id: "chart", role: "img", "aria-label": t("overview.chart") });
  // ECharts, served by duikou itself, loaded only on this page.
  const echarts = await import("../echarts.js");
  whenMounted(() => {
    const columns = el.clientWidth < 600 ? 2 : 4;
    el.style.height = `${Math.ceil(keys.length / columns) * 170 + 10}px`;
    const chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(chartOption(me, o, keys, columns));
    const watch = new ResizeObserver(() => chart.resize());
    watch.observe(el);
    whenLeft(() => { watch.disconnect(); chart.dispose(); });
  });
  return el;
}

function silentList(me, o) {
  const mayRemind = me.admin || me.orgKind === "authority" || me.orgKind === "supporting";
  const all = mayRemind && o.silent.length > 1 ? h("button", { type: "button", id: "remind-all", onclick: () => document.querySelectorAll("button.remind").forEach((b) => b.click()) }, t("remind.all", { count: o.silent.length })) : "";
  return [all, table([t("col.doctor"), t("col.clinic"), t("col.last_report"), ""], o.silent.map((s) => [postingLink(s.postingId, s.name), s.clinic, s.lastReportOn ?? t("never"), mayRemind ? remindButton(s) : ""]))];
}

/** The list behind a figure, shown under the figures (#/?list=silent). */
function overviewList(me, o, which) {
  const lists = {
    silent: () => silentList(me, o),
    arrivals: () => table([t("col.doctor"), t("col.clinic"), t("col.start"), ""], o.pendingArrivals.map((p) => [postingLink(p.postingId, p.name), p.clinic, p.startDate ?? "", p.overdue ? h("span", { class: "warn" }, t("overdue")) : ""])),
    behind: () => table([t("col.doctor"), t("col.metric"), t("col.done"), t("col.minimum")], o.behind.map((b) => [b.name, metricName(me, b.metric), b.done, b.minimum])),
    visits: () => table([t("col.clinic"), t("col.visitor"), t("col.done"), t("col.minimum"), t("col.period")], o.visitDuties.map((d) => [d.clinic, t(`visitor.${d.visitor}`) + (d.org ? t("oversight.duty_org", { org: d.org }) : ""), d.done, d.minimum, `${d.from} ~ ${d.to}`])),
    meetings: () => table([t("col.hospital")], o.meetingsDue.map((c) => [c])),
  };
  const make = lists[which];
  return make ? [h("h2", {}, t(`overview.${which}`)), make()] : [];
}

export async function render({ me, query, whenMounted, whenLeft }) {
  const o = await get("/overview");
  const overdue = o.pendingArrivals.filter((p) => p.overdue).length;
  const mine = o.assessmentsWaiting.filter((a) => a.mine).length;
  return [
    h("h1", {}, t("overview.title", { today: o.today })),
    h("div", { class: "cards" },
      figure("overview.in_force", o.postingsInForce, `#/postings?activeOn=${o.today}`),
      figure("overview.arrivals", o.pendingArrivals.length, "#/?list=arrivals", true),
      figure("overview.arrivals_overdue", overdue, "#/?list=arrivals", true),
      figure("overview.silent", o.silent.length, "#/?list=silent", true),
      figure("overview.behind", o.behind.length, "#/?list=behind", true),
      figure("overview.visits", o.visitsDue.length, "#/?list=visits", true),
      figure("overview.meetings", o.meetingsDue.length, "#/?list=meetings", true),
      figure("overview.assessments", o.assessmentsWaiting.length, "#/assessments", mine > 0),
      figure("overview.late", o.lateCorrections, "#/postings"),
    ),
    h("p", { class: "muted" }, t("overview.silent_note", { days: o.silentDays })),
    overviewList(me, o, query.list),
    h("h2", {}, t("overview.chart")),
    await weekChart(me, o, { whenMounted, whenLeft }),
  ];
}
