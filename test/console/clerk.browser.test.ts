// A bureau clerk's day in the console on 科左中旗's roster (issue 30): 61 postings and no clinic contact,
// so every arrival is heard by phone and confirmed from the console; the rules editor, a visit logged by
// the admin, an import whose second file fails, a download that fails, the postings list filtered by part
// of a name and sorted and exported, and a doctor who sees only what is theirs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { isolatedEnv, runCli, startServer, type ServerProcess } from "../helpers/processes.js";
import { freePort } from "../helpers/ports.js";
import { hasChromium, launchChromium } from "../helpers/browser.js";
import { adminApi, go, linkOf, openPage, ready, shoot, signIn } from "../helpers/console-page.js";
import { seed } from "../helpers/fixtures.js";
import { workbook } from "../helpers/xlsx.js";

const ADMIN_TOKEN = "clerk-test-admin-token-0123456789";
const PROGRAMME = "科左中旗2026";
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// The same day at a desktop and on a 375 px phone (a clerk in WeCom's own browser), each on its own server.
for (const size of ["desktop", "phone"] as const) describe.skipIf(!hasChromium)(`a clerk's day in the console (${size})`, { timeout: 300_000 }, () => {
  let server: ServerProcess;
  let browser: Browser;
  let admin: Page;
  let adminErrors: string[];
  const links: Record<string, string> = {};
  const dir = mkdtempSync(join(tmpdir(), "duikou-clerk-"));
  const { api, postingOf } = adminApi(() => server.base, ADMIN_TOKEN);

  beforeAll(async () => {
    const port = await freePort();
    const env = { ...isolatedEnv(), ADMIN_TOKEN, PUBLIC_URL: `http://127.0.0.1:${port}` };
    expect((await runCli(["import", "--create", seed("keyouzhong-2023-pairings"), "--program", PROGRAMME, "--start", day(-30), "--end", day(300)], { env })).code).toBe(0);
    expect((await runCli(["programme", "apply", "templates/programmes/keyouzhong-2023.json"], { env })).code).toBe(0);
    expect((await runCli(["people", "add", "--name", "包局长", "--org", "科左中旗卫生健康委员会", "--kind", "authority", "--role", "leader"], { env })).code).toBe(0);
    links.admin = linkOf((await runCli(["login-link", "--as", "admin"], { env })).stdout);
    links.doctor = linkOf((await runCli(["login-link", "--as", "何圆圆"], { env })).stdout);
    writeFileSync(join(dir, "broken.csv"), "这不是名单\n1,2,3\n");
    server = await startServer(env, port);
    browser = await launchChromium();
    ({ page: admin, errors: adminErrors } = await openPage(browser, size));
    await signIn(admin, links.admin);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the programme's rules editor, not the text of its elements", async () => {
    await go(admin, `#/rules?programme=${encodeURIComponent(PROGRAMME)}`);
    await admin.waitForSelector("#rules-form .json-form");
    expect(await admin.locator("main").textContent()).not.toContain("[object");
  });

  it("edits a programme's rules field by field, a refusal shown next to the field it names, as programme apply checks them", async () => {
    await go(admin, `#/rules?programme=${encodeURIComponent("科左中旗")}`);
    const months = admin.locator('input[data-path="posting.minMonths"]');
    expect(await months.inputValue()).toBe("6");
    await months.fill("-1");
    await admin.click("#rules-form button[type=submit]");
    const refusal = await admin.waitForSelector('[data-error-for="posting.minMonths"]');
    expect(await refusal.evaluate((el) => el.closest("label")?.dataset.field)).toBe("posting.minMonths");
    expect((await api(`/programmes/${encodeURIComponent("科左中旗")}`)).rules.posting.minMonths).toBe(6);
    await months.fill("8");
    await admin.click("#rules-form button[type=submit]");
    await admin.waitForSelector("#rules-status .ok");
    expect(await admin.locator(".field-error").count()).toBe(0);
    expect((await api(`/programmes/${encodeURIComponent("科左中旗")}`)).rules.posting.minMonths).toBe(8);
    await shoot(admin, "rules-editor");
    expect(adminErrors.splice(0).filter((e) => !e.includes("400"))).toEqual([]);
  });

  it("draws the page last asked for, not a slower one asked for just before", async () => {
    // 督导与会议 reads four lists, 名单导入 one: moving on at once must leave 名单导入 on the screen.
    await admin.evaluate(() => {
      document.body.dataset.ready = "";
      location.hash = "#/oversight";
      setTimeout(() => (location.hash = "#/import"), 0);
    });
    await admin.waitForSelector("body[data-ready='1'][data-page='import']");
    await admin.waitForLoadState("networkidle");
    expect(await admin.locator("main h1").textContent()).toBe("名单导入");
    expect(await admin.locator("#visit-form").count()).toBe(0);
  });

  it("lets the admin log a visit, naming the visitor and their capacity", async () => {
    await go(admin, "#/oversight");
    await admin.fill("#visit-form input[name=clinic]", "巴彦召卫生院");
    await admin.fill("#visit-form input[name=visitors]", "包局长");
    await admin.selectOption("#visit-form select[name=visitorKind]", "bureau");
    await admin.fill("#visit-form input[name=report]", "查看蒙医门诊");
    await admin.click("#visit-form button[type=submit]");
    await admin.waitForSelector("#visits td:has-text('包局长')");
    const [visit] = (await api("/visits")).items;
    expect(visit).toMatchObject({ clinic: "巴彦召卫生院", visitors: "包局长", visitorKind: "bureau", report: "查看蒙医门诊" });
    expect(adminErrors).toEqual([]);
  });

  it("takes 确认导入 away once a later preview fails, so a broken file is never sent", async () => {
    await go(admin, "#/import");
    await admin.fill("input[name=programme]", PROGRAMME);
    await admin.setInputFiles("input[type=file]", seed("keyouzhong-2023-pairings"));
    await admin.click("#import-form button[type=submit]");
    await admin.waitForSelector("#confirm-import:visible");
    await admin.setInputFiles("input[type=file]", join(dir, "broken.csv"));
    await admin.click("#import-form button[type=submit]");
    await admin.waitForSelector("#import-result .error, main .error");
    expect(await admin.locator("#confirm-import").isHidden()).toBe(true);
    await admin.setInputFiles("input[type=file]", []);
    await admin.click("#import-form button[type=submit]");
    expect(await admin.locator("#confirm-import").isHidden()).toBe(true);
    // The broken file's refusal is the only failed load.
    expect(adminErrors.splice(0).filter((e) => !e.includes("400"))).toEqual([]);
  });

  it("says why a download failed, in the API's words", async () => {
    await go(admin, "#/reports");
    await admin.fill("#report-form input[name=org]", "巴彦召卫生");
    await admin.click("#report-form button[type=submit]");
    await admin.waitForSelector("#report-status [role=alert]");
    const said = (await admin.locator("#report-status").textContent())!;
    const res = await fetch(`${server.base}/api/exports/monthly?month=${day(0).slice(0, 7)}&org=${encodeURIComponent("巴彦召卫生")}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(said).toContain((await res.json()).message);
    expect(adminErrors.splice(0).filter((e) => !e.includes("404"))).toEqual([]);
  });

  it("finds postings by part of a name and by 派出单位, sorts them by any column, and exports what is shown", async () => {
    await go(admin, "#/postings");
    await admin.fill("#postings-filter input[name=recipientOrg]", "巴彦");
    await admin.click("#postings-filter button[type=submit]");
    await ready(admin);
    const shown = await admin.locator("#postings-list tbody tr td:nth-child(3)").allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((c) => c.includes("巴彦"))).toBe(true);
    expect(shown.length).toBe((await api(`/postings?recipientOrg=${encodeURIComponent("巴彦")}`)).total);

    await go(admin, "#/postings");
    const hospitals = await admin.locator("#postings-filter select[name=supportingOrg] option").allTextContents();
    expect(hospitals).toContain("科尔沁左翼中旗蒙医院");
    await admin.selectOption("#postings-filter select[name=supportingOrg]", "科尔沁左翼中旗蒙医院");
    await admin.click("#postings-filter button[type=submit]");
    await ready(admin);
    expect(new Set(await admin.locator("#postings-list tbody tr td:nth-child(2)").allTextContents())).toEqual(new Set(["科尔沁左翼中旗蒙医院"]));

    await admin.click("#postings-list th[data-sort=recipientOrg]");
    await ready(admin);
    expect(await admin.locator("#postings-list th[data-sort=recipientOrg]").getAttribute("aria-sort")).toBe("ascending");
    const clinics = await admin.locator("#postings-list tbody tr td:nth-child(3)").allTextContents();
    expect(clinics).toEqual([...clinics].sort((a, b) => a.localeCompare(b, "zh-CN")));
    await admin.click("#postings-list th[data-sort=recipientOrg]");
    await ready(admin);
    const down = await admin.locator("#postings-list tbody tr td:nth-child(3)").allTextContents();
    expect(down).toEqual([...clinics].reverse());

    const [download] = await Promise.all([admin.waitForEvent("download"), admin.click("#postings-export")]);
    const file = join(dir, "postings.xlsx");
    await download.saveAs(file);
    const sheet = (await workbook(readFileSync(file))).worksheets[0];
    const rows = (await admin.locator("#postings-list tbody tr").count());
    // The title row, the headings, then one row per posting shown.
    expect(sheet.actualRowCount).toBe(rows + 2);
    expect(JSON.stringify(sheet.getRow(2).values)).toContain("受援单位");
    expect(sheet.getRow(3).getCell(6).value).toBe(await admin.locator("#postings-list tbody tr:first-child td:nth-child(3)").textContent());
    await shoot(admin, "postings-filtered");
    expect(adminErrors).toEqual([]);
  });

  it("confirms an arrival heard by phone, naming who said so, and audits it", async () => {
    const p = await postingOf("何圆圆");
    expect(p.status).toBe("planned");
    await go(admin, `#/posting/${p.id}`);
    await admin.fill("#arrival-form input[name=arrivedOn]", day(-28));
    await admin.fill("#arrival-form input[name=confirmedBy]", "巴彦召卫生院 王院长");
    await admin.selectOption("#arrival-form select[name=via]", "phone");
    await admin.click("#arrival-form button[type=submit]");
    await admin.waitForSelector("dd:has-text('电话')");
    const after = await postingOf("何圆圆");
    expect(after).toMatchObject({ status: "arrived", arrival: { on: day(-28), via: "phone", confirmedBy: "巴彦召卫生院 王院长" } });
    const audit = (await api("/audit")).items.find((a: { action: string }) => a.action === "arrival.confirmed");
    expect(audit).toMatchObject({ subject: `posting:${p.id}` });
    await shoot(admin, "posting-arrival");
  });

  it("names the clinic's missing signer, who then approves leave too, and gives them a sign-in link", async () => {
    const p = await postingOf("何圆圆");
    await go(admin, `#/posting/${p.id}`);
    const clinicRow = admin.locator("#signers tbody tr").first();
    expect(await clinicRow.textContent()).toContain("巴彦召卫生院");
    await clinicRow.locator("input[name=name]").fill("王院长");
    await clinicRow.locator("input[name=phone]").fill("13912345678");
    await clinicRow.locator("button[type=submit]").click();
    await admin.waitForSelector("#signers tbody tr:first-child button[data-link-for]");
    const s = await api(`/postings/${p.id}/signatories`);
    expect(s.boxes.find((b: { step: string }) => b.step === "clinic").people.map((x: { name: string }) => x.name)).toEqual(["王院长"]);
    expect(s.leave.people.map((x: { name: string }) => x.name)).toEqual(["王院长"]);
    expect(await admin.locator("#signers tbody tr").last().textContent()).toContain("王院长");
    await admin.locator("#signers tbody tr").first().locator("button[data-link-for]").click();
    const link = (await (await admin.waitForSelector("pre.login-link")).textContent())!;
    const { page } = await openPage(browser, "phone");
    await signIn(page, link);
    expect(await page.locator("#who").textContent()).toContain("王院长");
    await shoot(admin, "posting-signers");
  });

  it("ends a posting from its page", async () => {
    const p = await postingOf("朱德雨");
    await go(admin, `#/posting/${p.id}`);
    await admin.fill("#end-form input[name=endedOn]", day(0));
    await admin.fill("#end-form input[name=note]", "提前结束：医院调回");
    // The page asks before a posting is ended for good.
    admin.once("dialog", (d) => void d.accept());
    await admin.click("#end-form button[type=submit]");
    await admin.waitForSelector("dd:has-text('已结束')");
    expect((await postingOf("朱德雨")).status).toBe("ended");
    expect(adminErrors).toEqual([]);
  });

  it("reminds a doctor who has not reported, now, and once a day at most", async () => {
    await go(admin, "#/?list=silent");
    const first = admin.locator("button.remind").first();
    const postingId = await first.getAttribute("data-posting");
    await first.click();
    await admin.waitForSelector(`[data-reminded="${postingId}"].ok`);
    const { person } = await api(`/postings/${postingId}`);
    expect((await api("/audit?kind=posting")).items[0].sentence).toBe(`管理员在后台提醒${person.name}填报工作量`);
    await go(admin, "#/?list=silent");
    await admin.click(`button.remind[data-posting="${postingId}"]`);
    expect(await (await admin.waitForSelector(`[data-reminded="${postingId}"]`)).textContent()).toBe("今天已提醒过");
    await shoot(admin, "overview-silent");
  });

  it("reads the audit log as sentences, the CLI's import and people add among them, filtered by kind", async () => {
    await go(admin, "#/admin");
    const log = (await admin.locator("#audit-list").textContent())!;
    expect(log).toContain(`服务器管理员用命令行向项目“${PROGRAMME}”导入名单“keyouzhong-2023-pairings.csv”：派驻新建 61`);
    expect(log).toContain("服务器管理员用命令行登记了人员包局长（领导）");
    expect(log).toContain("管理员在后台登记何圆圆在巴彦召卫生院的派驻已到岗：电话确认，确认人巴彦召卫生院 王院长");
    expect(log).toContain("管理员在后台结束了朱德雨");
    expect(log).not.toMatch(/console:admin|roster\.import|programme:/);
    await admin.selectOption("#audit-filter select[name=kind]", "arrival");
    await admin.click("#audit-filter button[type=submit]");
    await ready(admin);
    const rows = await admin.locator("#audit-list tbody tr td:nth-child(2)").allTextContents();
    expect(rows.length).toBe(1);
    expect(rows[0]).toContain("已到岗");
    await shoot(admin, "admin-audit");
  });

  it("changes a person's department and lists a new token at once", async () => {
    await go(admin, "#/admin");
    await admin.fill("#people-filter input[name=name]", "何圆圆");
    await admin.click("#people-filter button[type=submit]");
    await ready(admin);
    const row = admin.locator("form.person-form").first();
    await row.locator("input[name=department]").fill("蒙医科");
    await row.locator("button[type=submit]").click();
    await admin.waitForSelector("form.person-form .ok");
    const [he] = (await api(`/people?name=${encodeURIComponent("何圆圆")}`)).items;
    expect(he.department).toBe("蒙医科");
    expect((await api("/audit?kind=person")).items[0].sentence).toBe("管理员在后台修改了何圆圆的资料：科室 （无） → 蒙医科");
    await admin.fill("#token-form input[name=org]", "巴彦召卫生院");
    await admin.click("#token-form button[type=submit]");
    await admin.waitForSelector("#tokens td:has-text('巴彦召卫生院')");
    expect(await admin.locator("#new-token").textContent()).toMatch(/\S{20,}/);
    expect(adminErrors).toEqual([]);
  });

  it("shows a doctor only the pages a doctor uses", async () => {
    const { page, errors } = await openPage(browser, "phone");
    await signIn(page, links.doctor);
    const menu = await page.locator("nav a").allTextContents();
    for (const hidden of ["报表", "督导与会议", "项目规则", "名单导入", "管理"]) expect(menu).not.toContain(hidden);
    await go(page, "#/rules");
    expect(await page.locator("#rules-form").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
