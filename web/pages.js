// The console's pages for everyone who runs a programme: 总览, 派驻 (list and one posting's ledger),
// 名单导入, 项目规则, 报表, 督导与会议, 考核. Each is a function of the API's answers.
import { get, post } from "./api.js";
import { assessmentPanel } from "./assessment-panel.js";
import { filingsPanel } from "./filings-panel.js";
import { h, t, table, time, values, download, errorBox, whenMounted } from "./ui.js";

const metricName = (me, key) => me.metrics.find((m) => m.key === key)?.name ?? key;
const link = (href, text) => h("a", { href }, text);
const postingLink = (id, text) => link(`#/posting/${id}`, text);

/** A figure of the overview: its number links to the list behind it. */
const figure = (label, n, href, alert = false) => h("a", { class: `card${alert && n > 0 ? " alert" : ""}`, href, "data-figure": label }, h("span", { class: "n" }, String(n)), h("span", { class: "l" }, t(label)));

async function weekChart(me, o) {
  const el = h("div", { id: "chart", role: "img", "aria-label": t("overview.chart") });
  const keys = me.metrics.map((m) => m.key).filter((k) => (o.week[k] ?? 0) + (o.lastWeek[k] ?? 0) > 0);
  if (keys.length === 0) return h("p", { class: "muted" }, t("overview.no_reports"));
  // ECharts, served by duikou itself, loaded only on this page.
  const echarts = await import("./echarts.js");
  whenMounted(() => {
    const chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false, tooltip: {}, legend: { top: 0, data: [t("overview.last_week"), t("overview.this_week")] },
      grid: { left: 40, right: 10, top: 36, bottom: 70 },
      xAxis: { type: "category", data: keys.map((k) => metricName(me, k)), axisLabel: { interval: 0, rotate: 30 } }, yAxis: { type: "value" },
      series: [{ name: t("overview.last_week"), type: "bar", data: keys.map((k) => o.lastWeek[k] ?? 0) }, { name: t("overview.this_week"), type: "bar", data: keys.map((k) => o.week[k] ?? 0) }],
    });
    window.addEventListener("resize", () => chart.resize());
  });
  return el;
}

/** The list behind a figure, shown under the figures (#/?list=silent). */
function overviewList(me, o, which) {
  const lists = {
    silent: () => table([t("col.doctor"), t("col.clinic"), t("col.last_report")], o.silent.map((s) => [postingLink(s.postingId, s.name), s.clinic, s.lastReportOn ?? t("never")])),
    arrivals: () => table([t("col.doctor"), t("col.clinic"), t("col.start"), ""], o.pendingArrivals.map((p) => [postingLink(p.postingId, p.name), p.clinic, p.startDate ?? "", p.overdue ? h("span", { class: "warn" }, t("overdue")) : ""])),
    behind: () => table([t("col.doctor"), t("col.metric"), t("col.done"), t("col.minimum")], o.behind.map((b) => [b.name, metricName(me, b.metric), b.done, b.minimum])),
    visits: () => table([t("col.clinic"), t("col.visitor"), t("col.done"), t("col.minimum"), t("col.period")], o.visitDuties.map((d) => [d.clinic, t(`visitor.${d.visitor}`) + (d.org ? t("oversight.duty_org", { org: d.org }) : ""), d.done, d.minimum, `${d.from} ~ ${d.to}`])),
    meetings: () => table([t("col.hospital")], o.meetingsDue.map((c) => [c])),
  };
  const make = lists[which];
  return make ? [h("h2", {}, t(`overview.${which}`)), make()] : [];
}

async function overview({ me, query }) {
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
    ...overviewList(me, o, query.list),
    h("h2", {}, t("overview.chart")),
    await weekChart(me, o),
  ];
}

const STATUSES = ["planned", "arrived", "ended", "replaced"];

async function postings({ query }) {
  const page = Number(query.page ?? 1);
  const list = await get("/postings", { ...query, page, pageSize: 50 });
  const { items: programmes } = await get("/programmes");
  const form = h("form", { class: "filters", onsubmit: (e) => {
    e.preventDefault();
    location.hash = `#/postings?${new URLSearchParams(Object.entries(values(e.target)).filter(([, v]) => v))}`;
  } },
  h("label", {}, t("col.programme"), h("select", { name: "programme" }, h("option", { value: "" }, t("all")), programmes.map((p) => h("option", { value: p.name, selected: query.programme === p.name }, p.name)))),
  h("label", {}, t("col.status"), h("select", { name: "status" }, h("option", { value: "" }, t("all")), STATUSES.map((s) => h("option", { value: s, selected: query.status === s }, t(`status.${s}`))))),
  h("label", {}, t("col.doctor"), h("input", { name: "person", value: query.person ?? "", size: 8 })),
  h("label", {}, t("col.clinic"), h("input", { name: "recipientOrg", value: query.recipientOrg ?? "", size: 12 })),
  h("label", {}, t("col.active_on"), h("input", { name: "activeOn", type: "date", value: query.activeOn ?? "" })),
  h("button", { type: "submit" }, t("filter")));
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const turn = (p) => `#/postings?${new URLSearchParams({ ...query, page: String(p) })}`;
  return [
    h("h1", {}, t("postings.title")), form,
    h("p", { class: "muted" }, t("postings.count", { total: list.total })),
    table([t("col.doctor"), t("col.hospital"), t("col.clinic"), t("col.start"), t("col.end"), t("col.status")],
      list.items.map((p) => [postingLink(p.id, p.person.name), p.supportingOrg, p.recipientOrg, p.startDate ?? "", p.endDate ?? "", t(`status.${p.status}`)])),
    h("p", {}, page > 1 ? link(turn(page - 1), t("prev")) : "", ` ${page} / ${pages} `, page < pages ? link(turn(page + 1), t("next")) : ""),
  ];
}

const month = (day) => day.slice(0, 7);

const PERIODS = ["week", "month", "half_year", "year", "posting"];
const targetRows = (me, targets) => table([t("col.metric"), t("col.window"), t("col.done"), t("col.minimum"), t("col.target_level")],
  targets.map((x) => [metricName(me, x.metric), `${x.from} ~ ${x.to}`, x.done, x.minimum, t(`target_level.${x.level ?? "programme"}`)]));

/** The posting's targets with the level each was set at, and (for those who may change the posting) its own targets' form. */
async function targetsPanel(me, p, ledger) {
  const shown = h("div", { id: "posting-targets" }, targetRows(me, ledger.targets));
  if (!(me.admin || me.orgKind === "authority" || me.orgKind === "supporting")) return [shown];
  const status = h("p", {});
  const form = h("form", { class: "filters", id: "posting-target-form", onsubmit: async (e) => {
    e.preventDefault();
    const v = values(e.target);
    try {
      await post(`/postings/${p.id}/targets`, { targets: [{ metric: v.metric, minimum: Number(v.minimum), period: v.period }] });
      shown.replaceChildren(targetRows(me, (await get(`/postings/${p.id}/ledger`)).targets));
      status.replaceChildren(h("span", { class: "ok" }, t("posting.target_saved")));
    } catch (err) { status.replaceChildren(errorBox(err)); }
  } },
  h("label", {}, t("col.metric"), h("select", { name: "metric" }, me.metrics.map((m) => h("option", { value: m.key }, m.name)))),
  h("label", {}, t("col.minimum"), h("input", { name: "minimum", type: "number", min: "1", step: "1", required: true, size: 4 })),
  h("label", {}, t("col.period"), h("select", { name: "period" }, PERIODS.map((x) => h("option", { value: x }, t(`period.${x}`))))),
  h("button", { type: "submit" }, t("posting.set_target")));
  return [shown, h("p", { class: "muted" }, t("posting.target_how")), form, status];
}

async function posting({ me, id }) {
  const p = await get(`/postings/${encodeURIComponent(id)}`);
  const ledger = await get(`/postings/${encodeURIComponent(id)}/ledger`);
  const months = [...new Set(ledger.entries.map((e) => month(e.occurredOn)))];
  const facts = [
    ["col.doctor", p.person.name], ["col.title", p.person.title ?? ""], ["col.department", p.person.department ?? ""], ["col.programme", p.programme],
    ["col.hospital", p.supportingOrg], ["col.clinic", p.recipientOrg], ["col.start", p.startDate ?? p.durationText ?? ""], ["col.end", p.endDate ?? ""],
    ["col.status", t(`status.${p.status}`)], ["col.arrived", p.arrivedAt ? time(p.arrivedAt) : t("not_yet")],
  ];
  const entryRow = (e) => [e.occurredOn, metricName(me, e.metric) + (e.label ? `（${e.label}）` : ""), e.quantity, e.text,
    [t(`source.${e.source}`), e.message ? ` · ${t(`platform.${e.message.platform}`)} #${e.message.id}` : ""].join(""), time(e.recordedAt),
    [e.revokedAt ? t("ledger.revoked", { at: time(e.revokedAt) }) : "", e.lateCorrection ? t("ledger.late") : "", e.reason ?? ""].filter(Boolean).join(" ")];
  return [
    h("h1", {}, t("posting.title", { name: p.person.name, clinic: p.recipientOrg })),
    h("div", { class: "panel" }, h("dl", { class: "facts" }, facts.flatMap(([k, v]) => [h("dt", {}, t(k)), h("dd", {}, v)]))),
    h("h2", {}, t("posting.targets")),
    ...(await targetsPanel(me, p, ledger)),
    ...(await assessmentPanel(me, p.id)),
    h("h2", {}, t("posting.ledger")),
    months.length === 0 ? h("p", { class: "muted" }, t("posting.no_entries")) : "",
    ...months.flatMap((m) => {
      const rows = ledger.entries.filter((e) => month(e.occurredOn) === m);
      return [h("h2", { class: "month" }, m), table([t("col.day"), t("col.metric"), t("col.quantity"), t("col.text"), t("col.source"), t("col.recorded"), t("col.note")], rows.map(entryRow), (i) => (rows[i].revokedAt ? "revoked" : undefined))];
    }),
  ];
}

const KINDS = ["programmes", "organizations", "people", "identities", "pairings", "postings"];

function importResult(r) {
  const counts = table([t("col.kind"), t("import.created"), t("import.updated"), t("import.unchanged")], r.refused.length ? [] : KINDS.map((k) => [t(`import.kind.${k}`), r[k].created, r[k].updated, r[k].unchanged]));
  return h("div", { id: "import-result" },
    h("h2", {}, t(r.preview ? "import.preview" : "import.done")),
    r.refused.length ? h("p", { class: "error" }, t("import.refused", { count: new Set(r.refused.map((w) => w.row)).size })) : counts,
    r.refused.length ? table([t("col.row"), t("col.problem")], r.refused.map((w) => [w.row, w.message])) : "",
    r.warnings?.length ? [h("h2", {}, t("import.warnings", { count: r.warnings.length })), table([t("col.row"), t("col.problem")], r.warnings.map((w) => [w.row, w.message]))] : "",
    r.rejected?.length ? [h("h2", {}, t("import.rejected", { count: r.rejected.length })), table([t("col.row"), t("col.problem")], r.rejected.map((w) => [w.row, w.message]))] : "");
}

const base64 = async (file) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
};

async function importPage() {
  const { items: programmes } = await get("/programmes");
  const out = h("div", {});
  let upload = null;
  const confirm = h("button", { type: "button", id: "confirm-import", hidden: true, onclick: async () => {
    confirm.disabled = true;
    try { out.replaceChildren(importResult(await post("/roster/import", upload))); } catch (e) { out.replaceChildren(errorBox(e)); }
    confirm.hidden = true;
  } }, t("import.confirm"));
  // A programme that does not exist is not created by a typo: the page asks, and only then previews with create.
  const preview = async () => {
    confirm.hidden = true;
    out.replaceChildren(h("p", { class: "muted" }, t("loading")));
    try {
      const r = await post("/roster/preview", upload);
      if (r.programmeMissing) {
        const create = h("button", { type: "button", id: "create-programme", onclick: () => ((upload = { ...upload, create: true }), preview()) }, t("import.create_programme", { name: upload.programme }));
        return out.replaceChildren(h("div", { id: "import-result" }, h("p", { class: "error" }, t("import.programme_missing", { name: upload.programme })), create));
      }
      out.replaceChildren(importResult(r));
      confirm.hidden = r.refused.length > 0;
      confirm.disabled = false;
    } catch (err) { out.replaceChildren(errorBox(err)); }
  };
  const form = h("form", { class: "filters", onsubmit: async (e) => {
    e.preventDefault();
    const v = values(e.target);
    if (!v.file?.size) return out.replaceChildren(h("p", { class: "error" }, t("import.no_file")));
    upload = { programme: v.programme, fileName: v.file.name, content: await base64(v.file) };
    await preview();
  } },
  h("label", {}, t("col.programme"), h("input", { name: "programme", required: true, list: "programmes", value: programmes[0]?.name ?? "" }), h("datalist", { id: "programmes" }, programmes.map((p) => h("option", { value: p.name })))),
  h("label", {}, t("import.file"), h("input", { name: "file", type: "file", accept: ".xlsx,.csv" })),
  h("button", { type: "submit" }, t("import.preview_button")));
  return [h("h1", {}, t("import.title")), h("p", { class: "muted" }, t("import.how")), form, out, confirm];
}

async function rules({ me, query }) {
  const { items: programmes } = await get("/programmes");
  const name = query.programme ?? programmes[0]?.name;
  const pick = h("form", { class: "filters", onchange: (e) => (location.hash = `#/rules?programme=${encodeURIComponent(e.target.value)}`) },
    h("label", {}, t("col.programme"), h("select", { name: "programme" }, programmes.map((p) => h("option", { value: p.name, selected: p.name === name }, p.name)))));
  if (!name) return [h("h1", {}, t("rules.title")), h("p", { class: "muted" }, t("rules.none"))];
  const p = await get(`/programmes/${encodeURIComponent(name)}`);
  const canEdit = me.admin || me.orgKind === "authority";
  const status = h("p", {});
  const editor = h("textarea", { name: "rules", spellcheck: "false" }, p.rules ? JSON.stringify(p.rules, null, 2) : "");
  const save = h("form", { onsubmit: async (e) => {
    e.preventDefault();
    try {
      const r = await post("/programmes", JSON.parse(editor.value));
      status.replaceChildren(h("span", { class: "ok" }, t("rules.saved", { name: r.name })));
    } catch (err) { status.replaceChildren(errorBox(err)); }
  } }, editor, h("button", { type: "submit" }, t("rules.save")));
  return [
    h("h1", {}, t("rules.title")), pick,
    p.rules ? h("div", { class: "panel" }, p.text.map((line) => h("p", {}, line))) : h("p", { class: "muted" }, t("rules.not_applied")),
    canEdit ? [h("h2", {}, t("rules.edit")), h("p", { class: "muted" }, t("rules.edit_how")), save, status] : "",
  ];
}

const FORMS = ["monthly", "quarterly", "roster", "assessment"];

async function reports({ me }) {
  const { items: programmes } = await get("/programmes");
  const [y, m] = me.today.split("-");
  const out = h("p", {});
  const form = h("form", { class: "filters", onsubmit: (e) => {
    e.preventDefault();
    const v = values(e.target);
    const q = { format: v.format, ...(v.programme ? { programme: v.programme } : {}), ...(v.org ? { org: v.org } : {}) };
    if (v.form === "monthly") q.month = v.month;
    if (v.form === "quarterly") q.quarter = v.quarter;
    out.replaceChildren(download(`/exports/${v.form}`, q, t("reports.download", { form: t(`form.${v.form}`) })));
  } },
  h("label", {}, t("reports.form"), h("select", { name: "form" }, FORMS.map((f) => h("option", { value: f }, t(`form.${f}`))))),
  h("label", {}, t("reports.month"), h("input", { name: "month", value: `${y}-${m}`, pattern: "\\d{4}-\\d{2}", size: 8 })),
  h("label", {}, t("reports.quarter"), h("input", { name: "quarter", value: `${y}Q${Math.ceil(Number(m) / 3)}`, pattern: "\\d{4}Q[1-4]", size: 7 })),
  h("label", {}, t("col.programme"), h("select", { name: "programme" }, h("option", { value: "" }, t("all")), programmes.map((p) => h("option", { value: p.name }, p.name)))),
  h("label", {}, t("reports.org"), h("input", { name: "org", size: 12 })),
  h("label", {}, t("reports.format"), h("select", { name: "format" }, h("option", { value: "xlsx" }, "XLSX"), h("option", { value: "csv" }, "CSV"))),
  h("button", { type: "submit" }, t("reports.make")));
  return [h("h1", {}, t("reports.title")), h("p", { class: "muted" }, t("reports.how")), form, out, ...(await filingsPanel(me, programmes))];
}

async function oversight({ me }) {
  const overview = await get("/overview");
  const visits = await get("/visits", { pageSize: 100 });
  const meetings = await get("/meetings", { pageSize: 100 });
  const status = h("p", {});
  const form = h("form", { class: "filters", onsubmit: async (e) => {
    e.preventDefault();
    try {
      const r = await post("/visits", values(e.target));
      status.replaceChildren(h("span", { class: "ok" }, t("oversight.logged", { clinic: r.clinic, day: r.visitedOn })));
      location.hash = `#/oversight?logged=${Date.now()}`;
    } catch (err) { status.replaceChildren(errorBox(err)); }
  } },
  h("label", {}, t("col.clinic"), h("input", { name: "clinic", required: true, list: "due-clinics", size: 12 }), h("datalist", { id: "due-clinics" }, overview.visitsDue.map((c) => h("option", { value: c })))),
  h("label", {}, t("col.day"), h("input", { name: "visitedOn", type: "date", required: true, value: me.today })),
  h("label", {}, t("oversight.report"), h("input", { name: "report", size: 24 })),
  h("button", { type: "submit" }, t("oversight.log")));
  return [
    h("h1", {}, t("oversight.title")),
    h("h2", {}, t("oversight.due", { from: overview.quarter.from, to: overview.quarter.to })),
    overview.visitDuties.length
      ? [h("p", {}, t("oversight.visits_due")), h("ul", { id: "visit-duties" }, overview.visitDuties.map((d) => h("li", {}, t("oversight.duty", { ...d, visitor: t(`visitor.${d.visitor}`), org: d.org ? t("oversight.duty_org", { org: d.org }) : "" }))))]
      : h("p", {}, t("oversight.visits_done")),
    h("p", {}, overview.meetingsDue.length ? t("oversight.meetings_due", { list: overview.meetingsDue.join("、") }) : t("oversight.meetings_done")),
    h("h2", {}, t("oversight.log_title")), form, status,
    h("h2", {}, t("oversight.visits")),
    table([t("col.day"), t("col.clinic"), t("oversight.visitor"), t("oversight.report")], visits.items.map((v) => [v.visitedOn, v.clinic, `${v.visitors ?? ""}（${t(`visitor.${v.visitorKind}`)}）`, v.report ?? ""])),
    h("h2", {}, t("oversight.meetings")),
    table([t("col.day"), t("col.hospital"), t("oversight.meeting"), t("oversight.attendees")], meetings.items.map((m) => [m.heldOn, m.supportingOrg, m.title, m.attendees ?? ""])),
  ];
}

const STEPS = ["clinic", "recipient_bureau", "supporting", "supporting_bureau"];

async function assessments() {
  const { items } = await get("/assessments");
  const status = h("p", {});
  // Each programme's form has its own boxes and scale (优秀 where it prints it); a step it has not is "—".
  const sign = (a) => a.form.opinions.map((o, i) => h("button", { type: "button", class: i === 0 ? undefined : "plain", "data-opinion": o, onclick: async () => {
    try {
      await post(`/postings/${a.postingId}/assessment/sign`, { opinion: o });
      location.hash = `#/assessments?signed=${a.postingId}-${Date.now()}`;
    } catch (err) { status.replaceChildren(errorBox(err)); }
  } }, t(`opinion.${o}`)));
  const stepCell = (a, s) => {
    const done = a.signoffs[s];
    if (!a.form.boxes.some((b) => b.signer === s)) return t("assessment.no_box");
    if (done) return `${t(`opinion.${done.opinion}`)} · ${done.by} · ${time(done.at)}`;
    if (a.next === s) return a.mine ? h("span", { class: "sign" }, sign(a)) : t("assessment.waiting", { who: a.signers.join("、") || t("nobody") });
    return "";
  };
  return [
    h("h1", {}, t("assessments.title")), status,
    table([t("col.doctor"), t("col.clinic"), t("assessments.summary"), ...STEPS.map((s) => t(`step.${s}`))],
      items.map((a) => [postingLink(a.postingId, a.doctor), a.clinic, a.summary ?? t("assessments.no_summary"), ...STEPS.map((s) => stepCell(a, s))])),
  ];
}

export const PAGES = { "": overview, postings, posting, import: importPage, rules, reports, oversight, assessments };
