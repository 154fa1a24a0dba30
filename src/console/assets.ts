// The console's files, all served by duikou itself (county networks are often closed to CDNs): the
// pages in web/, ECharts' browser build from node_modules, and the words from templates/console.json.
// A fixed table of names: a request cannot name any other file. Each is read and gzipped once.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { z } from "zod";
import { loadTemplate } from "../templates/load.js";

export type Asset = { type: string; body: Buffer; gzip: Buffer; etag: string };

const here = (path: string) => new URL(path, import.meta.url);
const WEB = "../../web/";
const FILES: Record<string, { from: URL | (() => Buffer); type: string }> = {
  "app.js": { from: here(`${WEB}app.js`), type: "text/javascript; charset=utf-8" },
  "api.js": { from: here(`${WEB}api.js`), type: "text/javascript; charset=utf-8" },
  "ui.js": { from: here(`${WEB}ui.js`), type: "text/javascript; charset=utf-8" },
  "pages.js": { from: here(`${WEB}pages.js`), type: "text/javascript; charset=utf-8" },
  "admin-pages.js": { from: here(`${WEB}admin-pages.js`), type: "text/javascript; charset=utf-8" },
  "assessment-panel.js": { from: here(`${WEB}assessment-panel.js`), type: "text/javascript; charset=utf-8" },
  "filings-panel.js": { from: here(`${WEB}filings-panel.js`), type: "text/javascript; charset=utf-8" },
  "style.css": { from: here(`${WEB}style.css`), type: "text/css; charset=utf-8" },
  "echarts.js": { from: here("../../node_modules/echarts/dist/echarts.esm.min.mjs"), type: "text/javascript; charset=utf-8" },
  "words.json": { from: () => Buffer.from(JSON.stringify(loadTemplate("console", z.record(z.string(), z.string())))), type: "application/json; charset=utf-8" },
};

export const INDEX_PAGE = here(`${WEB}index.html`);

const cache = new Map<string, Asset>();

function load(body: Buffer, type: string): Asset {
  return { type, body, gzip: gzipSync(body), etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"` };
}

export function consoleAsset(name: string): Asset | undefined {
  const file = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (!file) return undefined;
  let asset = cache.get(name);
  if (!asset) cache.set(name, (asset = load(typeof file.from === "function" ? file.from() : readFileSync(file.from), file.type)));
  return asset;
}

export function indexPage(): Asset {
  let asset = cache.get("index.html");
  if (!asset) cache.set("index.html", (asset = load(readFileSync(INDEX_PAGE), "text/html; charset=utf-8")));
  return asset;
}
