// The console's pages, in menu order: each its own module, loaded when first opened. `who` says which
// roles the page is for: a page is neither in the menu nor drawn for anyone else (the API refuses them
// in any case). `menu: false` is a page reached from another (one posting from the list).
const bureau = (me) => me.admin || me.orgKind === "authority";
const notDoctor = (me) => me.admin || me.role !== "doctor";

export const PAGES = [
  { path: "", menu: "nav.overview", load: () => import("./overview.js") },
  { path: "postings", menu: "nav.postings", load: () => import("./postings.js") },
  { path: "posting", menu: false, parent: "postings", load: () => import("./posting.js") },
  { path: "import", menu: "nav.import", who: bureau, load: () => import("./import.js") },
  { path: "rules", menu: "nav.rules", who: notDoctor, load: () => import("./rules.js") },
  { path: "reports", menu: "nav.reports", who: notDoctor, load: () => import("./reports.js") },
  { path: "oversight", menu: "nav.oversight", who: notDoctor, load: () => import("./oversight.js") },
  { path: "assessments", menu: "nav.assessments", load: () => import("./assessments.js") },
  { path: "admin", menu: "nav.admin", who: (me) => me.admin, load: () => import("./admin.js") },
];

export const allowed = (page, me) => !page.who || page.who(me);
