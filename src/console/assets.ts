// The console's files, all served by duikou itself (county networks are often closed to CDNs): the
// pages in web/, ECharts' browser build from node_modules, and the words from templates/console.json.
// A fixed table of names, listed once at start: a request cannot name any other file. Each is read and gzipped once.
import { readdirSync, readFileSync } from "node:fs";
import { sep } from "node:path";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { z } from "zod";
import { loadTemplate } from "../templates/load.js";

export type Asset = { type: string; body: Buffer; gzip: Buffer; etag: string };

const here = (path: string) => new URL(path, import.meta.url);
const WEB = here("../../web/");
const TYPES: Record<string, string> = { js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };

/** Every script and style under web/ (one folder deep: pages/, panels/, components/), listed once at start. */
function webFiles(): Record<string, { from: URL; type: string }> {
  const files: Record<string, { from: URL; type: string }> = {};
  for (const entry of readdirSync(WEB, { recursive: true, encoding: "utf8" })) {
    const name = entry.split(sep).join("/");
    const type = TYPES[name.split(".").pop()!];
    if (type && /^([a-z-]+\/)?[a-z-]+\.(js|css)$/.test(name)) files[name] = { from: new URL(name, WEB), type };
  }
  return files;
}

const FILES: Record<string, { from: URL | (() => Buffer); type: string }> = {
  ...webFiles(),
  "echarts.js": { from: here("../../node_modules/echarts/dist/echarts.esm.min.mjs"), type: TYPES.js },
  "words.json": { from: () => Buffer.from(JSON.stringify(loadTemplate("console", z.record(z.string(), z.string())))), type: "application/json; charset=utf-8" },
};

export const INDEX_PAGE = new URL("index.html", WEB);

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
