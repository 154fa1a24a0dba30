// The admin API as a table of endpoints: each names its method, path, query and body schemas and a
// handler. The router and the OpenAPI description are both built from this table, so they cannot drift.
import Router from "@koa/router";
import type { Context } from "koa";
import { z } from "zod";
import { AppError } from "../errors.js";
import { readRawBody } from "../http/raw-body.js";
import { createRenderer } from "../templates/render.js";
import type { Caller } from "./caller.js";

const say = createRenderer("api");
const BODY_LIMIT = 64 * 1024;
/** No endpoint's body nests deeper than a programme's rules (about six levels); twenty is generous. */
export const MAX_JSON_DEPTH = 20;

export type Download = { download: { fileName: string; contentType: string; body: Buffer } };

export type Call<Q, B> = { query: Q; body: B; params: Record<string, string>; caller: Caller; ctx: Context };

export type Endpoint = {
  method: "get" | "post";
  path: string; // Koa style: /postings/:id/end
  summary: string;
  tag: string;
  query?: z.ZodType;
  body?: z.ZodType;
  status?: number;
  // A file (XLSX/CSV) rather than JSON.
  produces?: string[];
  /** A larger body than BODY_LIMIT (an uploaded roster). */
  bodyLimit?: number;
  handler(call: Call<unknown, unknown>): Promise<unknown>;
};

/** Keeps each endpoint's handler typed by its own schemas. */
export function endpoint<Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(e: {
  method: "get" | "post"; path: string; summary: string; tag: string; query?: Q; body?: B; status?: number; produces?: string[]; bodyLimit?: number;
  handler(call: Call<z.output<Q>, z.output<B>>): Promise<unknown>;
}): Endpoint {
  return e as unknown as Endpoint;
}

/** NUL cannot be stored in PostgreSQL text: refused here rather than failing in the database. */
const hasNul = (value: unknown) => JSON.stringify(value ?? null).includes("\\u0000");

function check<T>(schema: z.ZodType<T>, value: unknown, what: "bad_query" | "bad_body"): T {
  if (hasNul(value)) throw new AppError("bad_request", say("detail", { what: say(what), detail: "NUL" }));
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // Each refused field with its path, so a form can show the message next to the field.
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw new AppError("bad_request", say("detail", { what: say(what), detail: issues.map((i) => `${i.path || "(body)"}: ${i.message}`).join("; ") }), { issues });
}

/**
 * How deep the brackets of a JSON text go, outside its strings: one pass over the text, before it is
 * parsed, so a deep body is refused before anything recursive (the NUL check, the schema) walks it.
 */
export function jsonDepth(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123 /* [ { */) {
      if (++depth > deepest && (deepest = depth) > max) return deepest;
    } else if (c === 93 || c === 125 /* ] } */) depth--;
  }
  return deepest;
}

async function readJson(ctx: Context, limit = BODY_LIMIT): Promise<unknown> {
  const text = await readRawBody(ctx, limit);
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new AppError("bad_request", say("detail", { what: say("bad_body"), detail: say("json_too_deep", { max: MAX_JSON_DEPTH }) }));
  try {
    return text === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("bad_request", say("detail", { what: say("bad_body"), detail: "JSON" }));
  }
}

/** Content-Disposition for a Chinese file name: an ASCII fallback plus RFC 5987's UTF-8 form. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function mount(router: Router, endpoints: Endpoint[]): void {
  for (const e of endpoints) {
    router[e.method](e.path, async (ctx) => {
      const query = e.query ? check(e.query, ctx.query, "bad_query") : undefined;
      const body = e.body ? check(e.body, await readJson(ctx, e.bodyLimit), "bad_body") : undefined;
      const result = await e.handler({ query, body, params: ctx.params, caller: ctx.state.caller as Caller, ctx });
      if (result && typeof result === "object" && "download" in result) {
        const { fileName, contentType, body: bytes } = (result as Download).download;
        ctx.set("Content-Disposition", attachment(fileName));
        ctx.type = contentType;
        ctx.body = bytes;
        return;
      }
      ctx.status = e.status ?? 200;
      ctx.body = result;
    });
  }
}

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

function parameters(e: Endpoint) {
  const params = [...e.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
  if (!e.query) return params;
  const schema = z.toJSONSchema(e.query, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, object>; required?: string[] };
  for (const [name, s] of Object.entries(schema.properties ?? {})) params.push({ name, in: "query", required: (schema.required ?? []).includes(name), schema: s as never });
  return params;
}

export function openApi(endpoints: Endpoint[], prefix: string, version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const e of endpoints) {
    const ok = e.produces
      ? { description: "file", content: Object.fromEntries(e.produces.map((t) => [t, { schema: { type: "string", format: "binary" } }])) }
      : { description: "JSON", content: { "application/json": { schema: { type: "object" } } } };
    const path = (paths[prefix + toOpenApiPath(e.path)] ??= {});
    path[e.method] = {
      summary: e.summary,
      tags: [e.tag],
      parameters: parameters(e),
      ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(e.body, { io: "input", unrepresentable: "any" }) } } } } : {}),
      responses: {
        [String(e.status ?? 200)]: ok,
        "400": { description: "bad query or body (message says which field)" },
        "401": { description: "no bearer token" },
        "403": { description: "token unknown or revoked, or the record is outside the token's organisation" },
        "404": { description: "not found (or not visible to this token)" },
        "409": { description: "conflict: the posting is no longer open, or already exists" },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "duikou admin API", version, description: "Bearer token: ADMIN_TOKEN (the bureau admin, everything) or an organisation token from `npm run cli -- tokens create --org NAME` (that organisation only)." },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths,
  };
}
