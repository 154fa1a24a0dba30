// 督导与会议: the quarter's visits due as a table (which clinic, by whom, how many done of how many),
// the meetings due, a visit logged with its visitor and their capacity, a meeting logged with its
// minutes, and the visits and meetings on record.
import { get, post } from "../api.js";
import { h, t, table, values } from "../ui.js";
import { field, statusLine } from "../components/common.js";

const KINDS = ["bureau", "hospital_leader", "dept_head"];
/** The capacities a caller may log in (the API judges again): a bureau its own, a hospital its leaders'. */
const kindsFor = (me) => (me.admin ? KINDS : me.orgKind === "authority" ? ["bureau"] : ["hospital_leader", "dept_head"]);

/** A log form's submit: its filled fields posted, then the page drawn again with the new record; a refusal under the form. */
const logTo = (path, status, redraw) => async (e) => {
  e.preventDefault();
  try {
    await post(path, Object.fromEntries(Object.entries(values(e.target)).filter(([, x]) => x)));
    await redraw();
  } catch (err) { status.fail(err); }
};

function dutiesTable(o) {
  if (!o.visitDuties.length) return h("p", {}, t("oversight.visits_done"));
  return h("div", { id: "visit-duties" }, table([t("col.clinic"), t("col.visitor"), t("col.done"), t("col.minimum"), t("col.period")],
    o.visitDuties.map((d) => [d.clinic, t(`visitor.${d.visitor}`) + (d.org ? t("oversight.duty_org", { org: d.org }) : ""), d.done, d.minimum, `${d.from} ~ ${d.to}`])));
}

function visitForm(me, o, orgs, redraw) {
  const status = statusLine();
  const hospitals = h("datalist", { id: "hospitals" }, orgs.supporting.map((n) => h("option", { value: n })));
  const clinics = h("datalist", { id: "due-clinics" }, [...new Set([...o.visitsDue, ...orgs.recipient])].map((c) => h("option", { value: c })));
  const form = h("form", { class: "filters", id: "visit-form", onsubmit: logTo("/visits", status, redraw) },
  field(t("col.clinic"), h("input", { name: "clinic", required: true, list: "due-clinics", size: 12 })), clinics,
  field(t("col.day"), h("input", { name: "visitedOn", type: "date", required: true, value: me.today, max: me.today })),
  field(t("oversight.visitor"), h("input", { name: "visitors", size: 10, value: me.name ?? "", required: !me.name })),
  field(t("oversight.capacity"), h("select", { name: "visitorKind" }, kindsFor(me).map((k) => h("option", { value: k }, t(`visitor.${k}`))))),
  me.orgKind === "supporting" ? "" : [field(t("oversight.for_hospital"), h("input", { name: "supportingOrg", list: "hospitals", size: 12 })), hospitals],
  field(t("col.department"), h("input", { name: "department", size: 6, value: me.department ?? "" })),
  field(t("oversight.report"), h("input", { name: "report", size: 24, maxlength: 2000 })),
  h("button", { type: "submit" }, t("oversight.log")));
  return [h("h2", {}, t("oversight.log_title")), form, status.el];
}

function meetingForm(me, orgs, redraw) {
  if (!(me.admin || me.orgKind === "authority" || me.orgKind === "supporting")) return [];
  const status = statusLine();
  const form = h("form", { class: "filters", id: "meeting-form", onsubmit: logTo("/meetings", status, redraw) },
  me.orgKind === "supporting" ? "" : field(t("col.hospital"), h("select", { name: "supportingOrg", required: true }, orgs.supporting.map((n) => h("option", { value: n }, n)))),
  field(t("col.day"), h("input", { name: "heldOn", type: "date", required: true, value: me.today, max: me.today })),
  field(t("oversight.meeting"), h("input", { name: "title", required: true, minlength: 2, maxlength: 100, size: 18 })),
  field(t("oversight.attendees"), h("input", { name: "attendees", maxlength: 500, size: 18 })),
  h("label", { class: "wide" }, t("oversight.minutes"), h("textarea", { name: "minutes", maxlength: 20000, rows: 4, class: "short" })),
  h("button", { type: "submit" }, t("oversight.log_meeting")));
  return [h("h2", {}, t("oversight.meeting_title")), form, status.el];
}

export async function render({ me, redraw }) {
  const [o, orgs, visits, meetings] = await Promise.all([get("/overview"), get("/organizations"), get("/visits", { pageSize: 100 }), get("/meetings", { pageSize: 100 })]);
  return [
    h("h1", {}, t("oversight.title")),
    h("h2", {}, t("oversight.due", { from: o.quarter.from, to: o.quarter.to })),
    dutiesTable(o),
    h("p", {}, o.meetingsDue.length ? t("oversight.meetings_due", { list: o.meetingsDue.join("、") }) : t("oversight.meetings_done")),
    visitForm(me, o, orgs, redraw),
    meetingForm(me, orgs, redraw),
    h("h2", {}, t("oversight.visits")),
    h("div", { id: "visits" }, table([t("col.day"), t("col.clinic"), t("oversight.visitor"), t("oversight.report")], [...visits.items].reverse().map((v) => [v.visitedOn, v.clinic, `${v.visitors ?? ""}（${t(`visitor.${v.visitorKind}`)}）`, v.report ?? ""]))),
    h("h2", {}, t("oversight.meetings")),
    h("div", { id: "meetings" }, table([t("col.day"), t("col.hospital"), t("oversight.meeting"), t("oversight.attendees"), t("oversight.minutes")], [...meetings.items].reverse().map((m) => [m.heldOn, m.supportingOrg, m.title, m.attendees ?? "", m.minutes ? h("details", {}, h("summary", {}, t("oversight.minutes_open")), h("pre", { class: "minutes" }, m.minutes)) : ""]))),
  ];
}
