// The console in a real Chromium against the real server: signed in through a chat link, its numbers
// against the API's, postings filtered, a ledger opened, a roster previewed then imported, a form
// downloaded and opened, an assessment signed, and a clinic contact kept to its own clinic.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { isolatedEnv, runCli, startServer, type ServerProcess } from "../helpers/processes.js";
import { freePort } from "../helpers/ports.js";
import { hasChromium, launchChromium, SIZES, CHROMIUM } from "../helpers/browser.js";
import { follow, go, linkOf, openPage, ready, shoot, signIn } from "../helpers/console-page.js";
import { workbook } from "../helpers/xlsx.js";
import { reportableDays } from "../helpers/dates.js";

if (!hasChromium) console.warn(`SKIPPED: the console's browser tests need Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const ADMIN_TOKEN = "console-test-admin-token-0123456789";
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const chinese = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
const HEAD = "支援单位,受援单位,受援单位联系人,姓名,性别,职称,科室,联系电话,开始日期,结束日期";
// Days still open for reports whatever today is (a closed month refuses them).
const reportDays = reportableDays(4);
const rosterA = [HEAD,
  `渝北区中医院,江口镇中心卫生院,刘平春,张灵,女,主治医师,妇产科,13800000001,${day(-60)},${day(10)}`,
  `渝北区中医院,人和街道中心卫生院,向玲丽,龙玉顺,女,主治医师,呼吸内科,13800000002,${day(-60)},${day(200)}`,
  `渝北区人民医院,大石镇卫生院,周敏,陈晨,男,主治医师,外科,13800000003,${day(-2)},${day(300)}`].join("\n");
// The bureau's next file: one more clinic and doctor, 陈晨's new phone, the rest unchanged.
const rosterB = [rosterA.replace("13800000003", "13800000009"), `渝北区人民医院,龙塔镇卫生院,吴霞,黄程,男,副主任医师,内科,13800000004,${day(5)},${day(300)}`].join("\n");

// Browsers on a loaded machine are slow to draw and shoot: a wait is not a failure.
describe.skipIf(!hasChromium)("the console in a real browser", { timeout: 300_000 }, () => {
  let env: Record<string, string>;
  let server: ServerProcess;
  let browser: Browser;
  const links: Record<string, string> = {};
  const dir = mkdtempSync(join(tmpdir(), "duikou-console-"));
  const api = async (path: string) => (await fetch(`${server.base}/api${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();

  beforeAll(async () => {
    const port = await freePort();
    env = { ...isolatedEnv(), ADMIN_TOKEN, PUBLIC_URL: `http://127.0.0.1:${port}` };
    writeFileSync(join(dir, "a.csv"), rosterA);
    writeFileSync(join(dir, "b.csv"), rosterB);
    expect((await runCli(["import", "--create", join(dir, "a.csv"), "--program", "渝北"], { env })).code).toBe(0);
    // A month of 张灵's reports, and her summary for the assessment; the clinic contact asks for 后台 in chat.
    const reports = reportDays.map((d) => `${chinese(d)} 查房+2 讲座+1`).join("\n");
    const chat = await runCli(["chat", "--as", "张灵"], { env, input: `${reports}\n门诊：25人次\n总结 本人派驻期间完成门诊、查房和讲座工作，带教两名医生。\n` });
    expect(chat.stdout).toContain("考核鉴定表已送");
    links.contact = linkOf((await runCli(["chat", "--as", "刘平春"], { env, input: "后台\n" })).stdout);
    links.admin = linkOf((await runCli(["login-link", "--as", "admin"], { env })).stdout);
    server = await startServer(env, port);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = (size: keyof typeof SIZES = "desktop") => openPage(browser, size);

  let admin: Page;
  let adminErrors: string[];

  it("signs the admin in through a one-time link, used only by pressing 登录: the cookie is HttpOnly and SameSite, the page has a CSP, and the link works once", async () => {
    ({ page: admin, errors: adminErrors } = await open());
    // Fetching the link (a chat app's preview) does not use it up.
    const preview = await admin.request.get(links.admin, { maxRedirects: 0 });
    expect(preview.status()).toBe(200);
    expect(preview.headers()["content-security-policy"]).toContain("script-src 'self'");
    expect(preview.headers()["set-cookie"]).toBeUndefined();
    // Another site's form cannot sign the browser in.
    const token = new URL(links.admin).searchParams.get("t")!;
    const foreign = await admin.request.post(`${server.base}/console/login`, { form: { t: token }, headers: { origin: "https://evil.example" }, maxRedirects: 0 });
    expect(foreign.status()).toBe(403);
    await signIn(admin, links.admin);
    const cookies = await admin.context().cookies();
    expect(cookies.find((c) => c.name === "duikou_session")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    // The link is spent: pressing 登录 again finds it used.
    const { page: late } = await open();
    await late.goto(links.admin);
    await ready(late);
    await Promise.all([late.waitForURL("**/console/?signin=expired"), late.click("#signin button")]);
    await ready(late);
    await expect(late.locator("main").textContent()).resolves.toContain("登录链接已失效");
  });

  it("shows the overview's numbers as the API counts them, with the week's chart", async () => {
    const o = await api("/overview");
    const figure = async (key: string) => Number(await admin.locator(`[data-figure="${key}"] .n`).textContent());
    expect(await figure("overview.in_force")).toBe(o.postingsInForce);
    expect(o.postingsInForce).toBe(3);
    expect(await figure("overview.arrivals")).toBe(o.pendingArrivals.length);
    expect(await figure("overview.silent")).toBe(o.silent.length);
    expect(await figure("overview.assessments")).toBe(1);
    await admin.waitForSelector("#chart canvas");
    await shoot(admin, "overview");
    await follow(admin, '[data-figure="overview.arrivals"]');
    await expect(admin.locator("main").textContent()).resolves.toContain("陈晨");
    expect(adminErrors).toEqual([]);
  });

  it("filters postings and opens one's ledger, month by month, with every entry and its message", async () => {
    await go(admin, "#/postings");
    await admin.selectOption("#postings-filter select[name=status]", "planned");
    await admin.click("#postings-filter button[type=submit]");
    await ready(admin);
    const rows = admin.locator("main table tbody tr");
    expect(await rows.count()).toBe((await api("/postings?status=planned")).total);
    await shoot(admin, "postings");
    await go(admin, "#/postings?person=张灵");
    await follow(admin, "main table tbody tr a");
    const text = (await admin.locator("main").textContent())!;
    expect(text).toContain(`${chinese(reportDays[0])} 查房+2 讲座+1`);
    expect(text).toContain("门诊：25人次");
    expect(await admin.locator("h2.month").count()).toBeGreaterThanOrEqual(1);
    await shoot(admin, "posting");
  });

  it("sets a posting's own target from its page, shown as 个人目标 in place of the programme's", async () => {
    // Still on 张灵's page.
    await admin.selectOption("#posting-target-form select[name=metric]", "lectures");
    await admin.fill("#posting-target-form input[name=minimum]", "8");
    await admin.selectOption("#posting-target-form select[name=period]", "half_year");
    await admin.click("#posting-target-form button[type=submit]");
    await admin.waitForSelector("#posting-targets td:has-text('个人目标')");
    const row = (await admin.locator("#posting-targets tr", { hasText: "个人目标" }).textContent())!;
    expect(row).toContain("8");
    const [zhang] = (await api("/postings?person=张灵")).items;
    expect((await api(`/postings/${zhang.id}/ledger`)).targets).toContainEqual(expect.objectContaining({ metric: "lectures", minimum: 8, period: "half_year", level: "posting" }));
    // The list shows her progress on it, as the ledger measures it.
    const lectures = (await api(`/postings/${zhang.id}/ledger`)).targets.find((x: { metric: string; level: string }) => x.metric === "lectures" && x.level === "posting");
    await go(admin, `#/postings?person=${encodeURIComponent("张灵")}`);
    expect(await admin.locator("#postings-list td[data-col=progress]").first().textContent()).toContain(`讲座 ${lectures.done}/8`);
    await go(admin, `#/posting/${zhang.id}`);
    expect(adminErrors).toEqual([]);
  });

  it("shows a posting's assessment boxes and who signs each, and lets the bureau say which county each side lies in", async () => {
    // Still on 张灵's page: 渝北's 附件1 has four boxes.
    await admin.waitForSelector("#posting-boxes td:has-text('受援区县卫生健康行政部门意见')");
    expect(await admin.locator("#posting-boxes tbody tr").count()).toBe(4);
    await admin.fill("#county-form input[name=recipient]", "云阳县");
    await admin.fill("#county-form input[name=supporting]", "渝北区");
    await admin.click("#county-form button[type=submit]");
    await admin.waitForSelector("#county-form + p .ok");
    const [zhang] = (await api("/postings?person=张灵")).items;
    const a = await api(`/postings/${zhang.id}/assessment`);
    expect([a.parties.recipient.county, a.parties.supporting.county]).toEqual(["云阳县", "渝北区"]);
    expect((await api("/audit")).items.filter((x: { action: string }) => x.action === "organization.county")).toHaveLength(2);
    // Her own form alone, not every posting's.
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.click("#assessment-download")]);
    const file = join(dir, "assessment.xlsx");
    await download.saveAs(file);
    const names = (await workbook(readFileSync(file))).worksheets.map((w) => w.name);
    expect(names.some((n) => n.includes("张灵"))).toBe(true);
    expect(names.some((n) => n.includes("龙玉顺"))).toBe(false);
    expect(adminErrors).toEqual([]);
  });

  it("previews a roster upload without writing, then imports it on confirmation", async () => {
    await go(admin, "#/import");
    await admin.setInputFiles("input[type=file]", join(dir, "b.csv"));
    await admin.click("form.filters button[type=submit]");
    await admin.waitForSelector("#import-result");
    const preview = (await admin.locator("#import-result").textContent())!;
    expect(preview).toContain("预览（尚未写入）");
    // Named, with what changes: the new doctor and posting, and 陈晨's phone.
    const changes = await admin.locator("#import-changes tbody tr").allTextContents();
    expect(changes).toEqual(expect.arrayContaining([
      expect.stringMatching(/人员新增黄程（渝北区人民医院）医生/), expect.stringMatching(/派驻新增黄程 → 龙塔镇卫生院/), expect.stringMatching(/人员修改陈晨（渝北区人民医院）电话 13800000003 → 13800000009/),
    ]));
    expect((await api("/postings")).total).toBe(3);
    await shoot(admin, "import");
    await admin.click("#confirm-import");
    await admin.waitForSelector("#import-result:has-text('已导入')");
    expect((await api("/postings")).total).toBe(4);
    expect((await api("/postings?person=黄程")).items[0].recipientOrg).toBe("龙塔镇卫生院");
  });

  it("asks before an upload creates a programme: a mistyped name makes none until 仍要新建 is pressed", async () => {
    // A fresh page (the last test left the browser on #/import, and the same hash is no navigation).
    await go(admin, "#/postings");
    await go(admin, "#/import");
    await admin.fill("input[name=programme]", "渝北二零");
    await admin.setInputFiles("input[type=file]", join(dir, "b.csv"));
    await admin.click("form.filters button[type=submit]");
    await admin.waitForSelector("#import-result:has-text('没有名为「渝北二零」的项目')");
    expect(await admin.locator("#confirm-import").isHidden()).toBe(true);
    expect((await api("/programmes")).items.map((p: { name: string }) => p.name)).not.toContain("渝北二零");
    await admin.click("#create-programme");
    await admin.waitForSelector("#import-result:has-text('预览（尚未写入）')");
    await admin.click("#confirm-import");
    await admin.waitForSelector("#import-result:has-text('已导入')");
    expect((await api("/programmes")).items.map((p: { name: string }) => p.name)).toContain("渝北二零");
    expect(adminErrors).toEqual([]);
  });

  it("downloads the month's form as XLSX that opens", async () => {
    await go(admin, "#/reports");
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.click("#report-form button[type=submit]")]);
    const file = join(dir, "form.xlsx");
    await download.saveAs(file);
    const book = await workbook(readFileSync(file));
    expect(book.worksheets.length).toBeGreaterThan(0);
    expect(JSON.stringify(book.worksheets[0].getRow(1).values)).toContain("工作量");
    await shoot(admin, "reports");
  });

  it("refuses a change without the session's CSRF token", async () => {
    const status = await admin.evaluate(async () => (await fetch("/api/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ org: "渝北区中医院" }) })).status);
    expect(status).toBe(403);
  });

  it("lets the clinic contact sign the assessment from the page, and keeps them to their own clinic", async () => {
    const { page, errors } = await open("phone");
    await signIn(page, links.contact);
    await go(page, "#/assessments");
    await shoot(page, "assessments");
    await page.click("button[data-opinion=pass]");
    await page.waitForFunction(() => location.hash.includes("signed="));
    await ready(page);
    const posting = (await api("/postings?person=张灵")).items[0];
    const assessment = await api(`/postings/${posting.id}/assessment`);
    expect(assessment.signoffs.clinic).toMatchObject({ by: "刘平春", opinion: "pass" });
    expect(assessment.next).toBe("recipient_bureau");
    const audit = await api("/audit");
    expect(audit.items.some((a: { action: string; subject: string }) => a.action === "assessment.sign.clinic" && a.subject === `posting:${posting.id}`)).toBe(true);
    // 龙玉顺 is posted to another clinic: not found, for the page and for the API behind it.
    const other = (await api("/postings?person=龙玉顺")).items[0];
    await go(page, `#/posting/${other.id}`);
    await expect(page.locator("main").textContent()).resolves.toContain("找不到该记录");
    expect(await page.evaluate(async (id) => (await fetch(`/api/postings/${id}/ledger`)).status, other.id)).toBe(404);
    expect(await page.locator("nav a").allTextContents()).not.toContain("管理");
    // The two refusals above are the only failed loads.
    expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
  });

  it("shows every page to the admin without a script error (screenshots at phone and desktop width)", async () => {
    for (const name of ["rules", "oversight", "admin"]) {
      await go(admin, `#/${name}`);
      await expect(admin.locator("main .error").count()).resolves.toBe(0);
      await shoot(admin, name);
    }
    // The refused change of the CSRF test is the only failed load.
    expect(adminErrors.filter((e) => !e.includes("403"))).toEqual([]);
  }, 600_000);
});
