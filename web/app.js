// The console: who is signed in (GET /api/me), then the router (router.js) draws the page the address
// names from pages/. Every page reads through the admin API.
import { get, setCsrf, signOut, ApiError } from "./api.js";
import { h, loadWords, t } from "./ui.js";
import { startRouter } from "./router.js";

function drawWho(me) {
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
  let me;
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
  drawWho(me);
  await startRouter(me, () => { signInPage(); document.body.dataset.ready = "1"; });
}

void start();
