// 报送事项 on the console's 报表 page (issue 29): a programme's reports and filings with their due dates
// and states, read from the API; the bureau marks one 已报送 with a note, and the page and the API agree.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { isolatedEnv, runCli, startServer, type ServerProcess } from "../helpers/processes.js";
import { freePort } from "../helpers/ports.js";
import { hasChromium, launchChromium } from "../helpers/browser.js";
import { go, linkOf, openPage, signIn } from "../helpers/console-page.js";

const ADMIN_TOKEN = "filings-test-admin-token-0123456789";

// Browsers on a loaded machine are slow to draw and shoot: a wait is not a failure.
describe.skipIf(!hasChromium)("the console's 报送事项", { timeout: 300_000 }, () => {
  let server: ServerProcess;
  let browser: Browser;
  let link: string;
  const api = async (path: string) => (await fetch(`${server.base}/api${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();

  beforeAll(async () => {
    const port = await freePort();
    const env = { ...isolatedEnv(), ADMIN_TOKEN, PUBLIC_URL: `http://127.0.0.1:${port}` };
    // 渝北's document sets its 2021 filings; in 2026 every one of them is past its date.
    expect((await runCli(["programme", "apply", "templates/programmes/yubei-2021.json"], { env })).code).toBe(0);
    link = linkOf((await runCli(["login-link", "--as", "admin"], { env })).stdout);
    server = await startServer(env, port);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lists each filing with its state, and marks one 已报送 with its note", async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, link);
    await go(page, "#/reports");

    const { items } = await api(`/filings?programme=${encodeURIComponent("渝北2021")}`);
    expect(items.length).toBeGreaterThan(0);
    await page.waitForSelector("#filings tbody tr");
    expect(await page.locator("#filings tbody tr").count()).toBe(items.length);
    expect(await page.locator("#filings .filing-overdue").count()).toBe(items.filter((f: { state: string }) => f.state === "overdue").length);

    const first = page.locator("#filings tbody tr").first();
    await first.locator("input[name=note]").fill("已报区卫健委医政科");
    await first.locator("form.mark-filed button").click();
    await page.waitForSelector("#filings tbody tr:first-child .filing-filed");
    expect(await first.textContent()).toContain("已报区卫健委医政科");
    const after = (await api(`/filings?programme=${encodeURIComponent("渝北2021")}`)).items.find((f: { id: number }) => f.id === items[0].id);
    expect([after.state, after.note]).toEqual(["filed", "已报区卫健委医政科"]);
    expect(errors).toEqual([]);
  });
});
