// The console as the roles that use it, at phone width (issue 30): a bureau leader replaces a doctor and
// logs a meeting with its minutes; a hospital leader sees only a hospital's pages and capacities, and is
// told who approves a replacement (not about ADMIN_TOKEN); a posting's ledger at 375 px keeps its text
// readable; the postings list says when each doctor last reported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { isolatedEnv, runCli, startServer, type ServerProcess } from "../helpers/processes.js";
import { freePort } from "../helpers/ports.js";
import { hasChromium, launchChromium } from "../helpers/browser.js";
import { adminApi, go, linkOf, openPage, ready, shoot, signIn } from "../helpers/console-page.js";
import { seed } from "../helpers/fixtures.js";

const ADMIN_TOKEN = "roles-test-admin-token-0123456789";
const PROGRAMME = "科左中旗2026";
const HOSPITAL = "科尔沁左翼中旗人民医院";
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// Browsers on a loaded machine are slow to draw and shoot: a wait is not a failure.
describe.skipIf(!hasChromium)("the console as each role uses it", { timeout: 300_000 }, () => {
  let server: ServerProcess;
  let browser: Browser;
  let bureau: Page;
  let bureauErrors: string[];
  let hospital: Page;
  const links: Record<string, string> = {};
  const { api, postingOf } = adminApi(() => server.base, ADMIN_TOKEN);

  beforeAll(async () => {
    const port = await freePort();
    const env = { ...isolatedEnv(), ADMIN_TOKEN, PUBLIC_URL: `http://127.0.0.1:${port}` };
    expect((await runCli(["import", "--create", seed("keyouzhong-2023-pairings"), "--program", PROGRAMME, "--start", day(-30), "--end", day(300)], { env })).code).toBe(0);
    expect((await runCli(["people", "add", "--name", "包局长", "--org", "科左中旗卫生健康委员会", "--kind", "authority", "--role", "leader"], { env })).code).toBe(0);
    expect((await runCli(["people", "add", "--name", "宝院长", "--org", HOSPITAL, "--role", "leader"], { env })).code).toBe(0);
    // 朱德雨 reports, so the ledger has rows and the list a last report.
    const chat = await runCli(["chat", "--as", "朱德雨"], { env, input: "查房+2 讲座+1\n其它 在希伯花中心卫生院给全院医生讲解急腹症的鉴别诊断与处理\n" });
    expect(chat.stdout).toContain("急腹症");
    links.bureau = linkOf((await runCli(["login-link", "--as", "包局长"], { env })).stdout);
    links.hospital = linkOf((await runCli(["login-link", "--as", "宝院长"], { env })).stdout);
    server = await startServer(env, port);
    browser = await launchChromium();
    ({ page: bureau, errors: bureauErrors } = await openPage(browser, "phone"));
    await signIn(bureau, links.bureau);
    ({ page: hospital } = await openPage(browser, "phone"));
    await signIn(hospital, links.hospital);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets the bureau replace a doctor from the posting's page, with its approval", async () => {
    const p = await postingOf("何圆圆");
    await go(bureau, `#/posting/${p.id}`);
    expect(await bureau.locator("#replace-approve-form").count()).toBe(0);
    await bureau.fill("#replace-form input[name=name]", "白医生");
    await bureau.fill("#replace-form input[name=approvalNote]", "科卫发〔2026〕3号");
    await bureau.click("#replace-form button[type=submit]");
    await bureau.waitForFunction((id) => !location.hash.endsWith(`/${id}`), p.id);
    await ready(bureau);
    expect(await bureau.locator("h1").textContent()).toContain("白医生");
    expect((await api(`/postings/${p.id}`)).status).toBe("replaced");
    expect((await postingOf("白医生")).replacesPostingId).toBe(p.id);
    await shoot(bureau, "posting-replaced");
    expect(bureauErrors).toEqual([]);
  });

  it("lets the bureau log a hospital's meeting with its minutes, and a visit only as the bureau", async () => {
    await go(bureau, "#/oversight");
    expect(await bureau.locator("#visit-form select[name=visitorKind] option").allTextContents()).toEqual(["卫生健康局"]);
    await bureau.selectOption("#meeting-form select[name=supportingOrg]", HOSPITAL);
    await bureau.fill("#meeting-form input[name=title]", "第四季度对口帮扶工作会");
    await bureau.fill("#meeting-form input[name=attendees]", "宝院长、包局长");
    await bureau.fill("#meeting-form textarea[name=minutes]", "一、通报派驻人员到岗情况。\n二、部署下季度巡回诊疗。");
    await bureau.click("#meeting-form button[type=submit]");
    await bureau.waitForSelector("#meetings td:has-text('第四季度对口帮扶工作会')");
    const [meeting] = (await api("/meetings")).items;
    expect(meeting).toMatchObject({ supportingOrg: HOSPITAL, title: "第四季度对口帮扶工作会", minutes: "一、通报派驻人员到岗情况。\n二、部署下季度巡回诊疗。" });
    await shoot(bureau, "oversight-meeting");
    expect(bureauErrors).toEqual([]);
  });

  it("shows a hospital leader a hospital's pages and capacities, and says who approves a replacement", async () => {
    const menu = await hospital.locator("nav a").allTextContents();
    expect(menu).not.toContain("名单导入");
    expect(menu).not.toContain("管理");
    await go(hospital, "#/oversight");
    expect(await hospital.locator("#visit-form select[name=visitorKind] option").allTextContents()).toEqual(["医院领导", "科室主任"]);
    const p = await postingOf("朱德雨");
    await go(hospital, `#/posting/${p.id}`);
    expect(await hospital.locator("#replace-approve-form").count()).toBe(1);
    expect(await hospital.locator("#replace-form").count()).toBe(0);
    const refusal = await hospital.evaluate(async (id) => {
      const me = await (await fetch("/api/me")).json();
      const res = await fetch(`/api/postings/${id}/replace`, { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": me.csrf }, body: JSON.stringify({ person: { name: "某医生" }, startDate: "2026-12-01", approvalNote: "同意" }) });
      return { status: res.status, message: (await res.json()).message as string };
    }, p.id);
    expect(refusal.status).toBe(403);
    expect(refusal.message).toContain("卫健局");
    expect(refusal.message).not.toContain("ADMIN_TOKEN");
  });

  it("keeps a ledger's text readable at 375 px, and the list says when each doctor last reported", async () => {
    const p = await postingOf("朱德雨");
    await go(hospital, `#/posting/${p.id}`);
    const cell = (await hospital.locator(".ledger tbody tr td:nth-child(4)").first().boundingBox())!;
    // One character per line is about 13 px wide; a readable column holds ten or more.
    expect(cell.width).toBeGreaterThan(130);
    await shoot(hospital, "posting-ledger");
    await go(hospital, `#/postings?person=${encodeURIComponent("朱德雨")}`);
    expect(await hospital.locator("#postings-list tbody tr td[data-col=lastReport]").first().textContent()).toBe((await api("/me")).today);
  });

  it("lists the hospital's doctors whose month report is 未提交, reminds one from the list, and prints the list alone", async () => {
    const month = (await api("/me")).today.slice(0, 7);
    await go(hospital, `#/postings?reportMonth=${month}&reported=no`);
    const states = await hospital.locator("#postings-list tbody tr td[data-col=monthReport]").allTextContents();
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(["未提交"]));
    const button = hospital.locator("#postings-list button.remind").first();
    const id = await button.getAttribute("data-posting");
    await button.click();
    await hospital.waitForSelector(`[data-reminded="${id}"].ok`);
    await hospital.emulateMedia({ media: "print" });
    expect(await hospital.locator("header").isVisible()).toBe(false);
    expect(await hospital.locator("#postings-filter").isVisible()).toBe(false);
    expect(await hospital.locator("#postings-list table").isVisible()).toBe(true);
    await hospital.emulateMedia({ media: "screen" });
    await shoot(hospital, "postings-unreported");
  });
});
