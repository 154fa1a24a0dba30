// 管理 (admins): people and their roles, organisation tokens (a new one is shown once), the audit log.
import { get, post } from "../api.js";
import { h, t, table, time, values, errorBox } from "../ui.js";

export async function render({ redraw }) {
  const people = await get("/people", { pageSize: 200 });
  const { items: tokens } = await get("/tokens");
  const audit = await get("/audit", { pageSize: 50 });
  const status = h("div", {});
  const create = h("form", { class: "filters", onsubmit: async (e) => {
    e.preventDefault();
    try {
      const r = await post("/tokens", values(e.target));
      status.replaceChildren(h("p", { class: "ok" }, t("admin.token_created", { org: r.organization })), h("pre", { id: "new-token" }, r.token));
    } catch (err) { status.replaceChildren(errorBox(err)); }
  } }, h("label", {}, t("admin.org"), h("input", { name: "org", required: true })), h("label", {}, t("admin.label"), h("input", { name: "label" })), h("button", { type: "submit" }, t("admin.create_token")));
  const revoke = (id) => h("button", { type: "button", class: "plain", onclick: async () => {
    try { await post(`/tokens/${id}/revoke`); await redraw(); } catch (err) { status.replaceChildren(errorBox(err)); }
  } }, t("admin.revoke"));
  return [
    h("h1", {}, t("admin.title")),
    h("h2", {}, t("admin.people", { total: people.total })),
    table([t("col.name"), t("col.role"), t("col.org"), t("col.department"), t("col.accounts")], people.items.map((p) => [p.name, t(`role.${p.role}`), p.organization, p.department ?? "", p.platforms.map((x) => t(`platform.${x}`)).join("、")])),
    h("h2", {}, t("admin.tokens")), create, status,
    table([t("col.id"), t("col.org"), t("admin.label"), t("admin.created"), t("admin.last_used"), ""], tokens.map((x) => [x.id, x.organization, x.label, time(x.createdAt), time(x.lastUsedAt), x.revokedAt ? t("admin.revoked", { at: time(x.revokedAt) }) : revoke(x.id)])),
    h("h2", {}, t("admin.audit")),
    table([t("col.time"), t("admin.actor"), t("admin.action"), t("admin.subject")], audit.items.map((a) => [time(a.at), a.actor, a.action, a.subject])),
  ];
}

