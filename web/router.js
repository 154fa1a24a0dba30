// The console's router: an address (#/postings?status=planned, #/posting/12) names a page and its
// query. A page is drawn when the address changes; before the next is drawn, what the last one
// started is stopped (the whenLeft each page is given). A list's filters and sorting are written into the address
// with history.replaceState by the list itself, so they survive a reload without redrawing the page.
import { ApiError } from "./api.js";
import { h, t, errorBox } from "./ui.js";
import { PAGES, allowed } from "./pages/index.js";

export function parseHash(hash = location.hash) {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?");
  const [name, id] = path.split("/");
  return { name: name ?? "", id, query: Object.fromEntries(new URLSearchParams(query)) };
}

function drawMenu(me, current) {
  const nav = document.getElementById("nav");
  nav.replaceChildren(...PAGES.filter((p) => p.menu && allowed(p, me)).map((p) => h("a", { href: `#/${p.path}`, class: current === p.path ? "on" : undefined }, t(p.menu))));
}

let drawing = 0;
/** What the page on screen asked to be done when it is left (a chart's observer to disconnect). */
let leaving = [];

/**
 * Draws the page the address names; `onSignedOut` takes over when the session has ended. Only the
 * latest address is drawn: a page still loading when the clerk moves on (the overview's figures, say)
 * never replaces the page they moved to.
 */
async function draw(me, onSignedOut) {
  const mine = ++drawing;
  const stale = () => mine !== drawing;
  const { name, id, query } = parseHash();
  const page = PAGES.find((p) => p.path === name) ?? PAGES[0];
  drawMenu(me, page.parent ?? page.path);
  const main = document.getElementById("main");
  main.replaceChildren(h("p", { class: "muted" }, t("loading")));
  // Each draw has its own hooks: a page overtaken by a later address never mounts, so nothing it asked for runs.
  const hooks = { mounted: [], left: [] };
  const whenMounted = (fn) => hooks.mounted.push(fn);
  const whenLeft = (fn) => hooks.left.push(fn);
  const show = (...content) => {
    for (const fn of leaving.splice(0)) fn();
    main.replaceChildren(...content);
    leaving = hooks.left;
  };
  try {
    if (!allowed(page, me)) throw new ApiError(403, t("not_yours"));
    const { render } = await page.load();
    const redraw = () => { document.body.dataset.ready = ""; return draw(me, onSignedOut); };
    const content = [await render({ me, id, query, redraw, whenMounted, whenLeft })].flat(Infinity).filter((x) => x !== "" && x != null);
    if (stale()) return;
    show(...content);
    for (const fn of hooks.mounted) fn();
  } catch (error) {
    if (stale()) return;
    if (error instanceof ApiError && error.status === 401) return onSignedOut();
    show(errorBox(error));
  }
  document.body.dataset.page = page.path || "overview";
  document.body.dataset.ready = "1";
}

export function startRouter(me, onSignedOut) {
  window.addEventListener("hashchange", () => { document.body.dataset.ready = ""; void draw(me, onSignedOut); });
  return draw(me, onSignedOut);
}
