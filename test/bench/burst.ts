// `npm run bench -- burst`: 200 reports from one doctor sent at once (a doctor pasting a week's lines, a
// phone that queued them offline), against the same 200 from 200 doctors in the same run. The server is
// the built one, on PostgreSQL (+ Redis when it answers), with the loopback fake WeCom, which delivers as
// WeCom does (per-member limits of doc 90454: at most 30 messages a minute to one member). Printed: how
// long until all 200 are recorded in each shape, the ratio, and how the answers went: messages delivered
// to the doctor in the first minute (at most 30), receipts in them, and when the last receipt arrived.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { importRoster } from "../../src/services/programme/import-roster.js";
import { parseRoster } from "../../src/roster/parse-roster.js";
import { openDatabase } from "../../src/infra/db.js";
import { ROOT } from "../helpers/processes.js";
import { startFakeWecom } from "../helpers/fake-wecom.js";
import { buildCallback, textXml } from "../helpers/wecom.js";
import { startProcess, wecomServer } from "./http.js";

const REPORTS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchBurst(pgUrl: string, redisUrl: string | undefined): Promise<void> {
  const schema = `bench_burst_${randomUUID().slice(0, 8)}`;
  const db = openDatabase({ url: pgUrl, schema });
  await db.migrate();
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const table = [["支援单位", "受援单位", "受援单位联系人", "姓名", "联系电话", "开始日期", "结束日期", "企业微信账号"]];
  for (let i = 0; i < REPORTS; i++) table.push(["支援医院", `卫生院${i % 20}`, `联系人${i % 20}`, `突发医生${i}`, `137${String(i).padStart(8, "0")}`, day(-30), day(300), `burst-${i}`]);
  await importRoster(db.client, parseRoster(table), { programme: "突发", create: true });
  const fake = await startFakeWecom();
  const { app, port, env } = await wecomServer({ pgUrl, schema, redisUrl, fakeBase: fake.base, extra: { DAILY_LIMITS: "patients=100000" } });
  const server = await startProcess([join(ROOT, "build/main.js")], env, /processing thread ready/);
  let msg = 9_000_000_000;
  const ts = Math.floor(Date.now() / 1000);
  const send = (from: (i: number) => string) => Promise.all(Array.from({ length: REPORTS }, async (_, i) => {
    const cb = buildCallback(app, textXml({ corpId: app.corpId, from: from(i), content: "门诊+1", msgId: String(msg++), agentId: app.agentId, createTime: ts }), ts);
    const res = await fetch(`http://127.0.0.1:${port}/wecom/callback?${cb.query}`, { method: "POST", body: cb.body });
    if (res.status !== 200) throw new Error(`callback answered ${res.status}`);
  }));
  const recorded = () => db.client.inboundMessage.count({ where: { outcome: "recorded" } });
  /** Seconds from the first callback until `n` reports are recorded. */
  async function timeToRecord(from: (i: number) => string, n: number): Promise<number> {
    const t0 = performance.now();
    await send(from);
    while ((await recorded()) < n) await sleep(20);
    return (performance.now() - t0) / 1000;
  }
  try {
    const many = await timeToRecord((i) => `burst-${i}`, REPORTS);
    const manyAnswered = fake.sent.length;
    fake.sent.length = 0;
    const start = performance.now();
    const one = await timeToRecord(() => "burst-0", 2 * REPORTS);
    const receipts = (sent: typeof fake.sent) => sent.reduce((k, s) => k + (s.text?.content.match(/已记录：/g)?.length ?? 0), 0);
    const mine = () => fake.sent.filter((s) => s.touser === "burst-0");
    const firstMinute = () => mine().filter((s) => s.at - start < 60_000);
    // The answers: the first minute's at most 30 messages, then the rest once WeCom's window allows.
    while (receipts(mine()) < REPORTS && performance.now() - start < 180_000) await sleep(200);
    const lastAt = mine().at(-1)?.at ?? start;
    console.log(`burst (PostgreSQL${redisUrl ? " + Redis" : ""}): ${REPORTS} reports recorded in ${one.toFixed(2)} s from one doctor, ${many.toFixed(2)} s from ${REPORTS} doctors (ratio ${(one / many).toFixed(2)}; ${manyAnswered} answers to the ${REPORTS} doctors by then)`);
    console.log(`  the one doctor's answers: ${firstMinute().length} messages in the first minute (WeCom delivers at most 30) with ${receipts(firstMinute())} receipts; all ${receipts(mine())} receipts in ${mine().length} messages after ${((lastAt - start) / 1000).toFixed(1)} s; ${fake.dropped.length} dropped by WeCom's limits`);
  } finally {
    server.kill("SIGTERM");
    await fake.close();
    await db.client.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await db.close();
  }
}
