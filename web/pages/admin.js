// 管理 (admins): people with their roles, edited in place; organisation tokens (a new one is shown
// once, and listed at once); the audit log as sentences, filtered by who, kind and day.
import { get, post } from "../api.js";
import { h, t, table, time, values } from "../ui.js";
import { list } from "../components/list.js";
import { field, statusLine } from "../components/common.js";

const ROLES = ["doctor", "clinic_contact", "leader", "admin"];
const KINDS = ["posting", "arrival", "roster", "programme", "assessment", "oversight", "filing", "person", "token", "leave", "organization", "console"];

/** A person's row's last cell: their role, department and phone, changed and saved in place. */
function personForm(p) {
  const status = h("span", { class: "row-status" });
  return h("form", { class: "person-form", "data-person": p.id, onsubmit: async (e) => {
    e.preventDefault();
    try {
      await post(`/people/${p.id}`, values(e.target));
      status.replaceChildren(h("span", { class: "ok" }, t("admin.saved")));
    } catch (err) { status.replaceChildren(h("span", { class: "error", role: "alert" }, err.message)); }
  } },
  h("select", { name: "role", "aria-label": t("col.role") }, ROLES.map((r) => h("option", { value: r, selected: r === p.role }, t(`role.${r}`)))),
  h("input", { name: "department", value: p.department ?? "", size: 6, "aria-label": t("col.department"), placeholder: t("col.department") }),
  h("input", { name: "phone", value: p.phone ?? "", size: 11, "aria-label": t("admin.phone"), placeholder: t("admin.phone") }),
  h("button", { type: "submit", class: "plain" }, t("admin.save")), status);
}

function peopleList(query) {
  return list({
    id: "people-list", path: "admin",
    filters: [
      { name: "name", label: t("col.name"), size: 8 },
      { name: "org", label: t("col.org"), size: 12 },
      { name: "role", label: t("col.role"), options: ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })) },
    ],
    columns: [
      { key: "name", label: t("col.name"), cell: (p) => p.name },
      { key: "organization", label: t("col.org"), cell: (p) => p.organization },
      { key: "accounts", label: t("col.accounts"), cell: (p) => p.platforms.map((x) => t(`platform.${x}`)).join("、") },
      { key: "edit", label: t("admin.role_and_more"), cell: personForm },
    ],
    load: (q) => get("/people", { name: q.name, org: q.org, role: q.role, page: q.page, pageSize: 50 }),
  }, query);
}

async function tokensPanel() {
  const status = statusLine();
  const shown = h("div", { id: "tokens" });
  const revoke = (id) => h("button", { type: "button", class: "plain", onclick: async () => {
    try { await post(`/tokens/${id}/revoke`); await draw(); } catch (err) { status.fail(err); }
  } }, t("admin.revoke"));
  async function draw() {
    const { items } = await get("/tokens");
    shown.replaceChildren(table([t("col.id"), t("col.org"), t("admin.label"), t("admin.created"), t("admin.last_used"), ""],
      items.map((x) => [x.id, x.organization, x.label, time(x.createdAt), time(x.lastUsedAt), x.revokedAt ? t("admin.revoked", { at: time(x.revokedAt) }) : revoke(x.id)])));
  }
  const secret = h("div", {});
  const create = h("form", { class: "filters", id: "token-form", onsubmit: async (e) => {
    e.preventDefault();
    try {
      const r = await post("/tokens", values(e.target));
      secret.replaceChildren(h("p", { class: "ok" }, t("admin.token_created", { org: r.organization })), h("pre", { id: "new-token" }, r.token));
      await draw();
    } catch (err) { status.fail(err); }
  } }, field(t("admin.org"), h("input", { name: "org", required: true })), field(t("admin.label"), h("input", { name: "label" })), h("button", { type: "submit" }, t("admin.create_token")));
  await draw();
  return [h("h2", {}, t("admin.tokens")), create, secret, status.el, shown];
}

function auditList() {
  return list({
    id: "audit-list", path: null,
    filters: [
      { name: "who", label: t("admin.actor"), size: 8 },
      { name: "kind", label: t("admin.kind"), options: KINDS.map((k) => ({ value: k, label: t(`audit.kind.${k}`) })) },
      { name: "from", label: t("admin.from"), type: "date" },
      { name: "to", label: t("admin.to"), type: "date" },
    ],
    columns: [
      { key: "at", label: t("col.time"), cell: (a) => time(a.at) },
      { key: "sentence", label: t("admin.what"), cell: (a) => a.sentence },
      { key: "channel", label: t("admin.channel"), cell: (a) => t(`audit.channel.${a.channel}`) },
    ],
    load: (q) => get("/audit", { who: q.who, kind: q.kind, from: q.from, to: q.to, page: q.page, pageSize: 50 }),
  }, {});
}

export async function render({ query }) {
  const people = peopleList(query);
  const audit = auditList();
  await Promise.all([people.ready, audit.ready]);
  return [
    h("h1", {}, t("admin.title")),
    h("h2", {}, t("admin.people_title")), people.nodes,
    await tokensPanel(),
    h("h2", {}, t("admin.audit")), audit.nodes,
  ];
}
