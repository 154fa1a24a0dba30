// 名单导入: a roster file previewed (nothing written), then imported on 确认导入. The upload 确认导入
// would send is the one last previewed successfully: a new submission takes the button away until its
// own preview succeeds, so a broken file is never sent on an old preview's strength.
import { get, post } from "../api.js";
import { h, t, table, values, errorBox } from "../ui.js";

const KINDS = ["programmes", "organizations", "people", "identities", "pairings", "postings"];

function importResult(r) {
  const counts = table([t("col.kind"), t("import.created"), t("import.updated"), t("import.unchanged")], r.refused.length ? [] : KINDS.map((k) => [t(`import.kind.${k}`), r[k].created, r[k].updated, r[k].unchanged]));
  const problems = (key, list) => (list?.length ? [h("h2", {}, t(key, { count: list.length })), table([t("col.row"), t("col.problem")], list.map((w) => [w.row, w.message]))] : "");
  return h("div", { id: "import-result" },
    h("h2", {}, t(r.preview ? "import.preview" : "import.done")),
    r.refused.length ? h("p", { class: "error" }, t("import.refused", { count: new Set(r.refused.map((w) => w.row)).size })) : counts,
    r.refused.length ? table([t("col.row"), t("col.problem")], r.refused.map((w) => [w.row, w.message])) : "",
    r.refused.length ? "" : changesTable(r),
    problems("import.warnings", r.warnings), problems("import.rejected", r.rejected));
}

/** Each person and posting the file creates or changes, by name, with what changes. */
function changesTable(r) {
  if (!r.changes?.length) return "";
  const more = r.people.created + r.people.updated + r.postings.created + r.postings.updated - r.changes.length;
  return [h("h2", {}, t(r.preview ? "import.changes_preview" : "import.changes")),
    h("div", { id: "import-changes" }, table([t("col.kind"), t("import.change"), t("col.name"), t("import.detail")],
      r.changes.map((c) => [t(`import.change_kind.${c.kind}`), t(`import.${c.action}`), c.name, c.detail]))),
    more > 0 ? h("p", { class: "muted" }, t("import.more_changes", { count: more })) : ""];
}

const base64 = async (file) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
};

export async function render() {
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
    } catch (err) { out.replaceChildren(h("div", { id: "import-result" }, errorBox(err))); }
  };
  const form = h("form", { class: "filters", id: "import-form", onsubmit: async (e) => {
    e.preventDefault();
    confirm.hidden = true;
    upload = null;
    const v = values(e.target);
    if (!v.file?.size) return out.replaceChildren(h("div", { id: "import-result" }, h("p", { class: "error" }, t("import.no_file"))));
    upload = { programme: v.programme, fileName: v.file.name, content: await base64(v.file) };
    await preview();
  } },
  h("label", {}, t("col.programme"), h("input", { name: "programme", required: true, list: "programmes", value: programmes[0]?.name ?? "" }), h("datalist", { id: "programmes" }, programmes.map((p) => h("option", { value: p.name })))),
  h("label", {}, t("import.file"), h("input", { name: "file", type: "file", accept: ".xlsx,.csv" })),
  h("button", { type: "submit" }, t("import.preview_button")));
  return [h("h1", {}, t("import.title")), h("p", { class: "muted" }, t("import.how")), form, out, confirm];
}
