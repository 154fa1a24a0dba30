// The console: who is signed in (GET /api/me), the menu their role opens, and a page per address
// (#/, #/postings, #/posting/12, …). Every page reads through the admin API.
import { get, setCsrf, signOut, ApiError } from "./api.js";
import { h, loadWords, t, errorBox, mounted } from "./ui.js";
import { PAGES } from "./pages.js";
import { ADMIN_PAGES } from "./admin-pages.js";

const ALL = { ...PAGES, ...ADMIN_PAGES };
// The menu, in order; `who` says which roles see an item (the API refuses the rest in any case).
const MENU = [
  { path: "", key: "nav.overview" },
  { path: "postings", key: "nav.postings" },
  { path: "import", key: "nav.import", who: (me) => me.admin || me.orgKind === "authority" },
  { path: "rules", key: "nav.rules" },
  { path: "reports", key: "nav.reports" },
  { path: "oversight", key: "nav.oversight" },
  { path: "assessments", key: "nav.assessments" },
  { path: "admin", key: "nav.admin", who: (me) => me.admin },
];

let me = null;

function parseHash() {
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const [name, id] = path.split("/");
  return { name: name ?? "", id, query: Object.fromEntries(new URLSearchParams(query)) };
}

function drawMenu(current) {
  const nav = document.getElementById("nav");
  nav.replaceChildren(...MENU.filter((m) => !m.who || m.who(me)).map((m) => h("a", { href: `#/${m.path}`, class: current === m.path ? "on" : undefined }, t(m.key))));
  const who = document.getElementById("who");
  const role = t(`role.${me.role}`);
  who.replaceChildren(`${[me.name, me.organization, role].filter(Boolean).join(" · ")} `,
    h("button", { class: "plain", type: "button", onclick: async () => { await signOut(); location.replace("/console/?signin=out"); } }, t("signout")));
}

function signInPage() {
  const reason = new URLSearchParams(location.search).get("signin");
  const main = document.getElementById("main");
  main.replaceChildren(h("h1", {}, t("signin.title")), reason ? h("p", { class: "warn" }, t(`signin.${reason}`)) : "", h("p", {}, t("signin.how")));
}

/** A sign-in link opens this: the link is used only when its holder presses 登录 (a POST). */
function confirmSignInPage(token) {
  document.getElementById("main").replaceChildren(
    h("h1", {}, t("signin.confirm.title")),
    h("p", {}, t("signin.confirm.note")),
    h("form", { method: "post", action: "/console/login", id: "signin" }, h("input", { type: "hidden", name: "t", value: token }), h("button", { type: "submit" }, t("signin.confirm.button"))),
  );
}

async function route() {
  const { name, id, query } = parseHash();
  const page = ALL[name === "posting" ? "posting" : name] ?? ALL[""];
  drawMenu(name === "posting" ? "postings" : name);
  const main = document.getElementById("main");
  main.replaceChildren(h("p", { class: "muted" }, t("loading")));
  try {
    const content = await page({ me, id, query });
    main.replaceChildren(...[content].flat());
    mounted();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signInPage();
    main.replaceChildren(errorBox(error));
  }
  document.body.dataset.page = name || "overview";
  document.body.dataset.ready = "1";
}

async function start() {
  await loadWords();
  document.title = t("title");
  document.getElementById("brand").textContent = t("title");
  const token = location.pathname.endsWith("/console/login") ? new URLSearchParams(location.search).get("t") : null;
  if (token) {
    confirmSignInPage(token);
    document.body.dataset.ready = "1";
    return;
  }
  try {
    me = await get("/me");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signInPage();
      document.body.dataset.ready = "1";
      return;
    }
    throw error;
  }
  setCsrf(me.csrf);
  window.addEventListener("hashchange", () => { document.body.dataset.ready = ""; void route(); });
  await route();
}

void start();
