// The console's browser tests share one way to drive it: a page whose script errors fail the test,
// signing in through a one-time link as its holder does (pressing 登录), moving between pages and
// waiting for the page to say it is ready, and screenshots at both widths.
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { SCREENSHOTS, SIZES } from "./browser.js";

export const linkOf = (text: string) => /(http:\/\/\S+\/console\/login\?t=[\w-]+)/.exec(text)![1];

export type OpenPage = { page: Page; errors: string[] };

export async function openPage(browser: Browser, size: keyof typeof SIZES = "desktop"): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: SIZES[size], acceptDownloads: true, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  // Which load failed, with its address: the console's message above names only the status.
  page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${new URL(r.url()).pathname}`));
  return { page, errors };
}

export const ready = (page: Page) => page.waitForSelector("body[data-ready='1']");

/** Moves to a console address and waits until its page is drawn (drawn afresh when already there). */
export async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    document.body.dataset.ready = "";
    if (location.hash === h) window.dispatchEvent(new HashChangeEvent("hashchange"));
    else location.hash = h;
  }, hash);
  await ready(page);
}

/**
 * Clicks what leads to another page (a link) and waits until that page is drawn. The mark is cleared
 * first: the router clears it on the hashchange, which comes after the click returns, so waiting on the
 * mark alone could find the page being left (CI saw 正在加载… read as the ledger).
 */
export async function follow(page: Page, selector: string): Promise<void> {
  await page.evaluate(() => (document.body.dataset.ready = ""));
  await page.click(selector);
  await ready(page);
}

/** Opens a sign-in link and presses 登录, as its holder does. */
export async function signIn(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await ready(page);
  await Promise.all([page.waitForURL("**/console/"), page.click("#signin button")]);
  await ready(page);
}

/** Both widths. A full-page shot of a tall page (the rules editor) is slow on a loaded machine: not a failure. */
export async function shoot(page: Page, name: string): Promise<void> {
  const was = page.viewportSize();
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size}.png`), fullPage: true, animations: "disabled", timeout: 120_000 });
  }
  // The test goes on at the width it was at.
  if (was) await page.setViewportSize(was);
}

/** The admin API as the test reads it (the admin token), and a posting by its doctor's name. */
export function adminApi(base: () => string, token: string) {
  const api = async (path: string) => (await fetch(`${base()}/api${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const postingOf = async (name: string) => (await api(`/postings?person=${encodeURIComponent(name)}`)).items[0];
  return { api, postingOf };
}
