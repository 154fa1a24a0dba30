// Writes authorised by what they change (issue 26): every write endpoint tried by every role on a target in
// its scope and one outside it; a refusal changes nothing. Then the attacks as they were found: one
// region's bureau taking over another's programme, and making itself admin through a roster file.
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.js";
import { createMetrics } from "../../src/http/metrics.js";
import { apiRoutes } from "../../src/api/routes.js";
import { readSession } from "../../src/console/session.js";
import { createApiToken } from "../../src/services/tokens/create-api-token.js";
import { startConsoleSession } from "../../src/services/sessions/start-console-session.js";
import { backendName, openTestDatabase } from "../helpers/backends.js";
import { importTwoRegions } from "../helpers/fixtures.js";

const ADMIN = "admin-token-for-tests-0123456789";
const NOW = new Date("2021-06-20T10:00:00+08:00");
const rules = (file: string, name: string, region: string) => ({ ...JSON.parse(readFileSync(new URL(`../../templates/programmes/${file}.json`, import.meta.url), "utf8")), name, region });
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(",")).join("\n") + "\n").toString("base64");
const ROSTER_HEADER = ["支援单位", "受援单位", "姓名", "科室", "开始日期", "结束日期", "企业微信账号"];

type Role = "admin" | "bureau" | "bureauLeader" | "hospital" | "deptHead" | "clinic" | "clinicContact" | "doctor" | "anonymous";
const ROLES: Role[] = ["admin", "bureau", "bureauLeader", "hospital", "deptHead", "clinic", "clinicContact", "doctor", "anonymous"];

describe(`writes by scope (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let server: Server;
  let base: string;
  const bearer: Partial<Record<Role | "otherBureau", string>> = {};
  const session: Partial<Record<Role, { cookie: string; csrf: string }>> = {};
  const ids: Record<string, number> = {};

  async function call(as: Role | "otherBureau", method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (bearer[as]) headers.authorization = `Bearer ${bearer[as]}`;
    if (as !== "otherBureau" && session[as]) Object.assign(headers, { cookie: session[as]!.cookie, "x-csrf-token": session[as]!.csrf });
    const res = await fetch(`${base}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  /** What a refused write must leave as it was. */
  const fingerprint = async () => JSON.stringify(await Promise.all([
    db.client.programme.findMany({ orderBy: { id: "asc" }, select: { name: true, region: true, rules: true, startDate: true } }),
    db.client.posting.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, endDate: true, personId: true, arrivalVia: true } }),
    db.client.person.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true, phone: true, department: true } }),
    db.client.chatIdentity.findMany({ orderBy: { id: "asc" }, select: { personId: true, externalUserId: true } }),
    db.client.supervisionVisit.count(), db.client.meeting.count(), db.client.consoleSession.count({ where: { kind: "link" } }), db.client.notification.count(), db.client.apiToken.count({ where: { revokedAt: null } }), db.client.auditLog.count(),
    db.client.filing.findMany({ orderBy: { id: "asc" }, select: { id: true, filedAt: true, note: true } }), db.client.serviceElsewhere.count(),
    db.client.organization.findMany({ orderBy: { id: "asc" }, select: { id: true, county: true } }),
  ]));

  beforeAll(async () => {
    db = await openTestDatabase();
    const bureau = await importTwoRegions(db);
    await db.client.organization.create({ data: { name: "科左中旗卫生健康委员会", kind: "authority", region: "科左中旗" } });
    const org = (name: string) => db.client.organization.findUniqueOrThrow({ where: { name } });
    const person = (name: string) => db.client.person.findFirstOrThrow({ where: { name } });
    const [hospital, clinic] = [await org("渝北区中医院"), await org("云阳县江口镇中心卫生院")];
    bearer.admin = ADMIN;
    bearer.bureau = (await createApiToken(db.client, bureau.id, "卫健委")).token;
    bearer.hospital = (await createApiToken(db.client, hospital.id, "中医院")).token;
    bearer.clinic = (await createApiToken(db.client, clinic.id, "江口镇")).token;
    ids.token = (await createApiToken(db.client, clinic.id, "spare")).id;
    const admin = await db.client.person.create({ data: { name: "系统管理员", role: "admin", organizationId: bureau.id, phone: "13900009999" } });
    await db.client.chatIdentity.create({ data: { platform: "wecom", externalUserId: "AdminWecom", personId: admin.id } });
    ids.admin = admin.id;
    const leader = await db.client.person.create({ data: { name: "陈科长", role: "leader", organizationId: bureau.id } });
    const head = await db.client.person.create({ data: { name: "妇产科主任", role: "leader", department: "妇产科", organizationId: hospital.id } });
    await db.client.chatIdentity.create({ data: { platform: "wecom", externalUserId: "HeadWecom", personId: head.id } });
    for (const [role, p] of [["bureauLeader", leader], ["deptHead", head], ["clinicContact", await person("刘平春")], ["doctor", await person("张灵")]] as const) {
      const s = await startConsoleSession(db.client, { personId: p.id, admin: false, now: NOW });
      session[role] = { cookie: `duikou_session=${s.token}`, csrf: "" };
    }
    for (const [key, name] of [["mine", "张灵"], ["mine2", "龙玉顺"], ["foreign", "何圆圆"]] as const) ids[key] = (await db.client.posting.findFirstOrThrow({ where: { person: { name } } })).id;
    for (const [key, name] of [["minePerson", "张灵"], ["foreignPerson", "何圆圆"]] as const) ids[key] = (await person(name)).id;
    [ids.clinicOrg, ids.foreignClinic] = [clinic.id, (await org("巴彦召卫生院")).id];
    for (const [key, programme] of [["filing", "渝北2021"], ["foreignFiling", "科左中旗2023"]] as const) {
      const { id: programmeId } = await db.client.programme.findUniqueOrThrow({ where: { name: programme } });
      ids[key] = (await db.client.filing.create({ data: { programmeId, title: "签订对口支援协议", clause: "签订对口支援协议", dueOn: new Date("2021-05-01T00:00:00Z") } })).id;
    }
    const app = createApp({ log: pino({ level: "silent" }), metrics: createMetrics(), probes: [], routers: [apiRoutes({ db: db.client, tz: "Asia/Shanghai", now: () => NOW, adminToken: ADMIN, session: readSession(db.client, () => NOW) })] });
    server = app.listen(0);
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const role of Object.keys(session) as Role[]) session[role]!.csrf = (await call(role, "GET", "/me")).body.csrf;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await db.close();
  });

  // Each write with a target in the region of 云阳县 (渝北2021, the 妇产科 doctor 张灵 of 渝北区中医院 at 江口镇)
  // and one outside it (科左中旗2023), and the roles that may make it in scope. Outside, nobody but the admin may.
  const person = { name: "新医生", department: "妇产科" };
  const WRITES: { name: string; allowed: Role[]; request(target: "in" | "out"): [string, string, unknown] }[] = [
    { name: "apply a programme", allowed: ["admin", "bureau", "bureauLeader"], request: (t) => ["POST", "/programmes", t === "in" ? rules("yubei-2021", "渝北2021", "云阳县") : rules("keyouzhong-2023", "科左中旗2023", "科左中旗")] },
    { name: "import a roster", allowed: ["admin", "bureau", "bureauLeader"], request: (t) => ["POST", "/roster/import", { programme: t === "in" ? "渝北2021" : "科左中旗2023", content: csv([ROSTER_HEADER, t === "in" ? ["渝北区中医院", "云阳县江口镇中心卫生院", "新医生", "妇产科", "2021-07-01", "2021-12-31", ""] : ["科尔沁左翼中旗人民医院", "巴彦召卫生院", "新医生", "", "2023-07-01", "2024-01-31", ""]]) }] },
    { name: "create a posting", allowed: ["admin", "bureau", "bureauLeader", "hospital", "deptHead"], request: (t) => ["POST", "/postings", t === "in" ? { programme: "渝北2021", supportingOrg: "渝北区中医院", recipientOrg: "云阳县江口镇中心卫生院", person, startDate: "2021-07-01" } : { programme: "科左中旗2023", supportingOrg: "科尔沁左翼中旗人民医院", recipientOrg: "巴彦召卫生院", person, startDate: "2023-07-01" }] },
    { name: "end a posting", allowed: ["admin", "bureau", "bureauLeader", "hospital", "deptHead"], request: (t) => ["POST", `/postings/${t === "in" ? ids.mine : ids.foreign}/end`, {}] },
    { name: "set a posting's targets", allowed: ["admin", "bureau", "bureauLeader", "hospital", "deptHead"], request: (t) => ["POST", `/postings/${t === "in" ? ids.mine : ids.foreign}/targets`, { targets: [{ metric: "lectures", minimum: 8, period: "half_year" }] }] },
    { name: "enter service elsewhere", allowed: ["admin", "bureau", "bureauLeader"], request: (t) => ["POST", `/people/${t === "in" ? ids.minePerson : ids.foreignPerson}/service`, { kind: "援疆", startDate: "2020-01-01", endDate: "2020-06-30" }] },
    { name: "set an organisation's county", allowed: ["admin", "bureau", "bureauLeader"], request: (t) => ["POST", `/organizations/${t === "in" ? ids.clinicOrg : ids.foreignClinic}/county`, { county: "云阳县" }] },
    { name: "mark a filing filed", allowed: ["admin", "bureau", "bureauLeader"], request: (t) => ["POST", `/filings/${t === "in" ? ids.filing : ids.foreignFiling}/filed`, { note: "已报区卫健委" }] },
    { name: "agree to a replacement", allowed: ["admin", "hospital", "deptHead"], request: (t) => ["POST", `/postings/${t === "in" ? ids.mine : ids.foreign}/replace/approve`, { note: "院长同意更换" }] },
    { name: "replace a doctor", allowed: ["admin", "bureau", "bureauLeader"], request: (t) => ["POST", `/postings/${t === "in" ? ids.mine2 : ids.foreign}/replace`, { person, startDate: "2021-08-01", approvalNote: "云卫发〔2021〕12号" }] },
    { name: "log a visit", allowed: ["admin", "bureau", "bureauLeader", "hospital", "deptHead"], request: (t) => ["POST", "/visits", { clinic: t === "in" ? "云阳县江口镇中心卫生院" : "巴彦召卫生院", visitedOn: "2021-06-12", visitors: "督导组" }] },
    { name: "log a meeting", allowed: ["admin", "bureau", "bureauLeader", "hospital", "deptHead"], request: (t) => ["POST", "/meetings", { supportingOrg: t === "in" ? "渝北区中医院" : "科尔沁左翼中旗人民医院", heldOn: "2021-06-15", title: "二季度对口支援工作会", minutes: "一、工作进展" }] },
    { name: "confirm an arrival", allowed: ["admin", "bureau", "bureauLeader", "hospital", "deptHead"], request: (t) => ["POST", `/postings/${t === "in" ? ids.mine : ids.foreign}/arrival`, { arrivedOn: "2021-06-01", via: "phone", confirmedBy: "江口镇 刘院长" }] },
    { name: "remind a doctor", allowed: ["admin", "bureau", "bureauLeader", "hospital", "deptHead"], request: (t) => ["POST", `/postings/${t === "in" ? ids.mine : ids.foreign}/remind`, undefined] },
    { name: "register a person", allowed: ["admin", "bureau", "bureauLeader"], request: (t) => ["POST", "/people", { name: "新联系人", role: "clinic_contact", organizationId: t === "in" ? ids.clinicOrg : ids.foreignClinic }] },
    { name: "make a sign-in link", allowed: ["admin", "bureau", "bureauLeader"], request: (t) => ["POST", `/people/${t === "in" ? ids.minePerson : ids.foreignPerson}/login-link`, undefined] },
    { name: "change a person's role", allowed: ["admin"], request: (t) => ["POST", `/people/${t === "in" ? ids.minePerson : ids.foreignPerson}`, { role: "admin" }] },
    { name: "create a token", allowed: ["admin"], request: (t) => ["POST", "/tokens", { org: t === "in" ? "云阳县江口镇中心卫生院" : "巴彦召卫生院" }] },
    { name: "revoke a token", allowed: ["admin"], request: () => ["POST", `/tokens/${ids.token}/revoke`, undefined] },
  ];
  const refusals = WRITES.flatMap((w) => ROLES.flatMap((role) => (["in", "out"] as const)
    .filter((target) => !(target === "in" && w.allowed.includes(role)) && !(role === "admin"))
    .map((target) => [w.name, role, target] as const)));

  it.each(refusals)("refuses to %s as %s on a target %s of scope, changing nothing", async (name, role, target) => {
    const before = await fingerprint();
    const [method, path, body] = WRITES.find((w) => w.name === name)!.request(target);
    const res = await call(role, method, path, body);
    expect([400, 401, 403, 404]).toContain(res.status);
    expect(await fingerprint()).toBe(before);
  });

  it("lets each role make the writes its scope allows (the bodies above are good ones)", async () => {
    for (const [role, name] of [["deptHead", "remind a doctor"], ["hospital", "confirm an arrival"], ["bureauLeader", "log a visit"], ["hospital", "log a visit"], ["bureau", "log a meeting"], ["bureau", "register a person"], ["bureauLeader", "make a sign-in link"], ["hospital", "agree to a replacement"], ["bureau", "replace a doctor"], ["deptHead", "end a posting"], ["bureau", "import a roster"], ["admin", "create a token"], ["bureauLeader", "mark a filing filed"], ["bureau", "enter service elsewhere"], ["bureauLeader", "set an organisation's county"]] as const) {
      const [method, path, body] = WRITES.find((w) => w.name === name)!.request("in");
      expect([role, name, (await call(role, method, path, body)).status]).toEqual([role, name, expect.toSatisfy((s: number) => s < 300)]);
    }
  });

  it("lets only the admin register an admin, or change one", async () => {
    const before = await fingerprint();
    expect((await call("bureau", "POST", "/people", { name: "新管理员", role: "admin", organizationId: ids.clinicOrg })).status).toBe(403);
    expect((await call("bureau", "POST", "/people", { name: "系统管理员", role: "leader", organizationId: (await db.client.person.findUniqueOrThrow({ where: { id: ids.admin } })).organizationId })).status).toBe(403);
    expect((await call("bureau", "POST", `/people/${ids.admin}/login-link`)).status).toBe(403);
    expect(await fingerprint()).toBe(before);
  });

  it("refuses a department head a posting for another department", async () => {
    const res = await call("deptHead", "POST", "/postings", { programme: "渝北2021", supportingOrg: "渝北区中医院", recipientOrg: "云阳县泥溪镇卫生院", person: { name: "外科医生", department: "外科" }, startDate: "2021-07-01" });
    expect(res.status).toBe(403);
  });

  describe("programme takeover", () => {
    it("refuses a bureau rewriting another region's programme by naming it with its own region, or moving its own away", async () => {
      const other = await db.client.organization.findUniqueOrThrow({ where: { name: "科左中旗卫生健康委员会" } });
      bearer.otherBureau = (await createApiToken(db.client, other.id, "科左")).token;
      const before = await fingerprint();
      expect((await call("otherBureau", "POST", "/programmes", rules("keyouzhong-2023", "渝北2021", "科左中旗"))).status).toBe(403);
      expect((await call("bureau", "POST", "/programmes", rules("yubei-2021", "渝北2021", "科左中旗"))).status).toBe(403);
      expect(await fingerprint()).toBe(before);
      expect((await db.client.programme.findUniqueOrThrow({ where: { name: "渝北2021" } })).region).toBe("云阳县");
    });

    it("shows a programme's rules only in scope: another region's bureau and a foreign clinic get 404", async () => {
      const yubei = encodeURIComponent("渝北2021");
      expect((await call("bureau", "GET", `/programmes/${yubei}`)).status).toBe(200);
      expect((await call("clinic", "GET", `/programmes/${yubei}`)).status).toBe(200);
      expect((await call("otherBureau", "GET", `/programmes/${yubei}`)).status).toBe(404);
      expect((await call("clinic", "GET", `/programmes/${encodeURIComponent("科左中旗2023")}`)).status).toBe(404);
    });
  });

  describe("roster rows that reach past the file", () => {
    const upload = (rows: string[][]) => call("bureau", "POST", "/roster/import", { programme: "渝北2021", content: csv([ROSTER_HEADER, ...rows]) });
    const good = ["渝北区中医院", "云阳县泥溪镇卫生院", "王医生", "骨科", "2021-07-01", "2021-12-31", "WangWecom"];

    it.each([
      ["the admin, through the bureau's own organisation as a 支援单位", ["云阳县卫生健康委员会", "云阳县泥溪镇卫生院", "系统管理员", "", "2021-07-01", "2021-12-31", "AttackerWecom"], "不能作为支援单位"],
      ["a leader of the hospital as a doctor", ["渝北区中医院", "云阳县泥溪镇卫生院", "妇产科主任", "妇产科", "2021-07-01", "2021-12-31", ""], "已登记为领导"],
      ["the admin's chat account, moved to a doctor", ["渝北区中医院", "云阳县泥溪镇卫生院", "赵医生", "骨科", "2021-07-01", "2021-12-31", "AdminWecom"], "账号 AdminWecom 已绑定管理员"],
      ["another region's hospital", ["科尔沁左翼中旗人民医院", "云阳县泥溪镇卫生院", "孙医生", "", "2021-07-01", "2021-12-31", ""], "管辖地区以外"],
    ])("refuses a row naming %s, names the row, and writes nothing of the file", async (_, row, message) => {
      const before = await fingerprint();
      const res = await upload([good, row]);
      expect(res.body).toMatchObject({ written: false, refused: expect.arrayContaining([{ row: 3, message: expect.stringContaining(message) }]) });
      expect(await fingerprint()).toBe(before);
      expect((await db.client.chatIdentity.findFirstOrThrow({ where: { externalUserId: "AdminWecom" } })).personId).toBe(ids.admin);
    });

    it("refuses the same rows from the CLI's importer, which acts as the admin: no roster re-roles or re-links a leader", async () => {
      const { importCsv } = await import("../helpers/fixtures.js");
      const error = await importCsv(db, [ROSTER_HEADER, ["渝北区中医院", "云阳县泥溪镇卫生院", "赵医生", "骨科", "2021-07-01", "2021-12-31", "HeadWecom"]].map((r) => r.join(",")).join("\n"), { programme: "渝北2021" }).catch((e) => e);
      expect(error.refused).toEqual([{ row: 2, message: expect.stringContaining("已绑定领导") }]);
    });
  });
});
