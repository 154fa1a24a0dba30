// /console: the page, its files, and signing in and out. Everything the page shows it reads through the
// admin API (/api) with the session cookie; nothing here reads the programme's data.
import Router from "@koa/router";
import type { Context } from "koa";
import { randomBytes } from "node:crypto";
import type { DbClient } from "../infra/db.js";
import type { WecomApi } from "../channels/wecom/api.js";
import { PlatformError } from "../channels/http-core.js";
import { AppError } from "../errors.js";
import { redeemLoginLink } from "../services/sessions/redeem-login-link.js";
import { startConsoleSession } from "../services/sessions/start-console-session.js";
import { endConsoleSession } from "../services/sessions/end-console-session.js";
import { findSender } from "../services/people/find-sender.js";
import { createRenderer } from "../templates/render.js";
import { readRawBody } from "../http/raw-body.js";
import { consoleAsset, indexPage, type Asset } from "./assets.js";
import { sameText } from "../infra/same-text.js";
import { clearSessionCookie, readSession, sessionToken, setSessionCookie, useSecureCookies } from "./session.js";

const say = createRenderer("api");
export const CONSOLE_PREFIX = "/console";

export type ConsoleDeps = {
  db: DbClient; now: () => Date; publicUrl: string;
  /** WeCom's in-app sign-in, when the channel is on. */
  wecom?: { api: WecomApi; corpId: string; agentId: string; authorizeBase?: string };
};

// Scripts, styles, data and images from duikou only; no frames; no form posts elsewhere. ECharts draws on
// a canvas and sets element styles through the CSSOM, which style-src does not govern.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const STATE_COOKIE = "duikou_oauth_state";
// WeCom: code ≤ 512 bytes, state [a-zA-Z0-9] ≤ 128 (PROTOCOLS §3.7).
const CODE = /^[\w-]{1,512}$/;
const STATE = /^[A-Za-z0-9]{1,128}$/;
const LINK = /^[\w-]{20,64}$/;

function send(ctx: Context, asset: Asset, cache: string): void {
  ctx.set("Cache-Control", cache);
  ctx.set("ETag", asset.etag);
  ctx.set("X-Content-Type-Options", "nosniff");
  ctx.type = asset.type;
  if (ctx.get("if-none-match") === asset.etag) return void (ctx.status = 304);
  ctx.vary("Accept-Encoding");
  if (ctx.acceptsEncodings("gzip", "identity") === "gzip") {
    ctx.set("Content-Encoding", "gzip");
    ctx.body = asset.gzip;
  } else ctx.body = asset.body;
}

function page(ctx: Context): void {
  ctx.set("Content-Security-Policy", CSP);
  ctx.set("X-Frame-Options", "DENY");
  // same-origin: the sign-in link's token never leaves in a Referer to another site, and the page's own
  // form posts carry its real Origin (under no-referrer browsers send "Origin: null", which login refuses).
  ctx.set("Referrer-Policy", "same-origin");
  send(ctx, indexPage(), "no-cache");
}

async function signIn(ctx: Context, deps: ConsoleDeps, who: { personId: number | null; admin: boolean }): Promise<void> {
  setSessionCookie(ctx, await startConsoleSession(deps.db, { ...who, now: deps.now() }), useSecureCookies(ctx, deps.publicUrl));
  ctx.redirect(`${CONSOLE_PREFIX}/`);
}

/** The server's own address leads to the console: it is what a person types after the IT person tells them the host. */
export function rootRoute(): Router {
  return new Router().get("/", (ctx) => ctx.redirect(`${CONSOLE_PREFIX}/`));
}

export function consoleRoutes(deps: ConsoleDeps): Router {
  const router = new Router({ prefix: CONSOLE_PREFIX });
  router.get("/", page);
  router.get(["/assets/:name", "/assets/:dir/:name"], (ctx) => {
    const asset = consoleAsset(ctx.params.dir ? `${ctx.params.dir}/${ctx.params.name}` : ctx.params.name);
    if (!asset) throw new AppError("not_found", say("not_found"));
    send(ctx, asset, "public, max-age=300");
  });
  // Opening the link shows a 登录 button; only its POST redeems the link. A chat app or scanner that
  // fetches the link for a preview therefore cannot use it up.
  router.get("/login", page);
  router.post("/login", async (ctx) => {
    ctx.set("Referrer-Policy", "no-referrer");
    // Another site cannot sign a browser in as someone else (login CSRF). Browsers say where a POST comes
    // from in Sec-Fetch-Site; older ones in Origin. "null" (a sandboxed frame, a data: page, a redirect
    // across sites) is no origin of ours. Our own origin is built from Host: Koa 3's ctx.origin echoes the
    // Origin header. No Origin at all is a client that is not a browser, which cannot carry a victim's session.
    const site = ctx.get("sec-fetch-site");
    const origin = ctx.get("origin");
    const ours = [new URL(deps.publicUrl).origin, `${ctx.protocol}://${ctx.host}`, ""];
    if (site ? site !== "same-origin" : !ours.includes(origin)) throw new AppError("forbidden", say("console.csrf"));
    const t = new URLSearchParams(await readRawBody(ctx, 1024)).get("t") ?? "";
    const session = LINK.test(t) ? await redeemLoginLink(deps.db, t, deps.now()) : undefined;
    ctx.status = 303;
    if (!session) return ctx.redirect(`${CONSOLE_PREFIX}/?signin=expired`);
    setSessionCookie(ctx, session, useSecureCookies(ctx, deps.publicUrl));
    ctx.redirect(`${CONSOLE_PREFIX}/`);
  });
  router.post("/logout", async (ctx) => {
    const caller = await readSession(deps.db, deps.now)(ctx);
    if (caller) await endConsoleSession(deps.db, sessionToken(ctx)!, deps.now());
    clearSessionCookie(ctx, useSecureCookies(ctx, deps.publicUrl));
    ctx.status = 204;
  });
  if (deps.wecom) mountWecomSignIn(router, deps, deps.wecom);
  return router;
}

/** WeCom's 网页授权 (snsapi_base): the app's homepage opens /console/wecom inside WeCom; the member comes back with a code. */
function mountWecomSignIn(router: Router, deps: ConsoleDeps, wecom: NonNullable<ConsoleDeps["wecom"]>): void {
  router.get("/wecom", (ctx) => {
    const state = randomBytes(16).toString("hex");
    ctx.cookies.set(STATE_COOKIE, state, { httpOnly: true, sameSite: "lax", secure: useSecureCookies(ctx, deps.publicUrl), path: `${CONSOLE_PREFIX}/wecom`, maxAge: 10 * 60_000 });
    const back = encodeURIComponent(`${deps.publicUrl}${CONSOLE_PREFIX}/wecom/callback`);
    const base = wecom.authorizeBase ?? "https://open.weixin.qq.com";
    ctx.redirect(`${base}/connect/oauth2/authorize?appid=${encodeURIComponent(wecom.corpId)}&redirect_uri=${back}&response_type=code&scope=snsapi_base&state=${state}&agentid=${wecom.agentId}#wechat_redirect`);
  });
  router.get("/wecom/callback", async (ctx) => {
    const { code, state } = ctx.query;
    const expected = ctx.cookies.get(STATE_COOKIE) ?? "";
    // Checked before any call to WeCom: a forged or replayed redirect costs us nothing.
    if (typeof code !== "string" || !CODE.test(code) || typeof state !== "string" || !STATE.test(state) || !sameText(state, expected)) {
      return ctx.redirect(`${CONSOLE_PREFIX}/?signin=failed`);
    }
    ctx.cookies.set(STATE_COOKIE, "", { path: `${CONSOLE_PREFIX}/wecom`, expires: new Date(0) });
    // A code WeCom refuses (used, expired, not its own) is a failed sign-in, not a server error.
    const userId = await wecom.api.memberOfCode(code).catch((error: unknown) => {
      if (error instanceof PlatformError && error.failure.kind === "refused") return null;
      throw error;
    });
    if (userId === null) return ctx.redirect(`${CONSOLE_PREFIX}/?signin=failed`);
    const person = userId ? await findSender(deps.db, "wecom", userId) : undefined;
    if (!person) return ctx.redirect(`${CONSOLE_PREFIX}/?signin=unknown`);
    await signIn(ctx, deps, { personId: person.id, admin: false });
  });
}
